#!/bin/sh
# restart when memory is high
if [ "$(free -m | awk '/Mem/{print $7}')" -lt 200 ]; then
	systemctl --user try-restart hermes-gateway-work.service
fi
