#!/bin/sh
# bench/mkunits.sh N DIR: N stock Hermes gateway units in DIR, one per profile
# (hermes-gateway-p00001.service ...), as `hermes gateway install --profile pNNNNN`
# leaves them (without the enable link): the stock text of tests/demo with the
# profile in ExecStart=.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$2"
awk -v n="$1" -v d="$2" '
        { line[NR] = $0 }
        END { for (i = 1; i <= n; i++) {
                p = sprintf("p%05d", i); f = d "/hermes-gateway-" p ".service"
                for (k = 1; k <= NR; k++) {
                        l = line[k]
                        if (l ~ /^ExecStart=/) sub(/ gateway run$/, " --profile " p " gateway run", l)
                        print l > f
                }
                close(f) } }' "$top/tests/demo/home/.config/systemd/user/hermes-gateway.service"
