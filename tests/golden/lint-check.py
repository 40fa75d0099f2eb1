#!/usr/bin/env python3
"""Structural checks of hermes-unit-lint's machine-readable output (tests only).

  lint-check.py sarif FILE   SARIF 2.1.0: version, runs[].tool.driver.rules,
                             results[] with ruleId/ruleIndex/level/message/locations, fixes
  lint-check.py json FILE    the JSON report, schema version 1 (docs/lint-json-schema.md)

Prints what is wrong and exits 1, or exits 0 silently.
"""
import json
import sys

errors = []


def need(cond, what):
    if not cond:
        errors.append(what)
    return cond


def is_str(x):
    return isinstance(x, str)


def is_int(x, minimum=0):
    return isinstance(x, int) and not isinstance(x, bool) and x >= minimum


def text_of(obj, where):
    need(isinstance(obj, dict) and is_str(obj.get('text')) and obj['text'], f'{where}.text: a non-empty string')


def check_sarif(d):
    need(d.get('version') == '2.1.0', 'version must be "2.1.0"')
    need(is_str(d.get('$schema')) and 'sarif' in d['$schema'], '$schema must name the SARIF schema')
    runs = d.get('runs')
    if not need(isinstance(runs, list) and runs, 'runs: a non-empty array'):
        return
    for i, run in enumerate(runs):
        driver = run.get('tool', {}).get('driver', {})
        need(is_str(driver.get('name')), f'runs[{i}].tool.driver.name')
        need(is_str(driver.get('version')), f'runs[{i}].tool.driver.version')
        rules = driver.get('rules')
        if not need(isinstance(rules, list) and rules, f'runs[{i}].tool.driver.rules: a non-empty array'):
            continue
        ids = [r.get('id') for r in rules]
        need(len(set(ids)) == len(ids), 'rule ids must be unique')
        for k, r in enumerate(rules):
            w = f'rules[{k}]'
            need(is_str(r.get('id')) and is_str(r.get('name')), f'{w}: id and name')
            text_of(r.get('shortDescription'), f'{w}.shortDescription')
            text_of(r.get('help'), f'{w}.help')
            need(r.get('defaultConfiguration', {}).get('level') in ('none', 'note', 'warning', 'error'),
                 f'{w}.defaultConfiguration.level')
        results = run.get('results')
        if not need(isinstance(results, list), f'runs[{i}].results: an array'):
            continue
        for k, res in enumerate(results):
            w = f'results[{k}]'
            idx = res.get('ruleIndex')
            need(res.get('ruleId') in ids, f'{w}.ruleId names a rule')
            need(is_int(idx) and idx < len(rules) and rules[idx]['id'] == res.get('ruleId'),
                 f'{w}.ruleIndex points at its ruleId')
            need(res.get('level') in ('none', 'note', 'warning', 'error'), f'{w}.level')
            text_of(res.get('message'), f'{w}.message')
            locs = res.get('locations')
            if need(isinstance(locs, list) and locs, f'{w}.locations: a non-empty array'):
                for loc in locs:
                    pl = loc.get('physicalLocation', {})
                    need(is_str(pl.get('artifactLocation', {}).get('uri')), f'{w}: artifactLocation.uri')
                    reg = pl.get('region', {})
                    need(is_int(reg.get('startLine'), 1) and is_int(reg.get('startColumn'), 1),
                         f'{w}: region.startLine/startColumn >= 1')
            for fix in res.get('fixes', []):
                text_of(fix.get('description'), f'{w}.fixes[].description')
                changes = fix.get('artifactChanges')
                if need(isinstance(changes, list) and changes, f'{w}.fixes[].artifactChanges'):
                    for ch in changes:
                        need(is_str(ch.get('artifactLocation', {}).get('uri')), f'{w}: fix artifactLocation.uri')
                        for rep in ch.get('replacements', []):
                            reg = rep.get('deletedRegion', {})
                            need(is_int(reg.get('charOffset')) and is_int(reg.get('charLength')),
                                 f'{w}: deletedRegion charOffset/charLength')
                            need(is_str(rep.get('insertedContent', {}).get('text')), f'{w}: insertedContent.text')


SOURCES_KEYS = ('Restart', 'RestartUSec', 'StartLimitIntervalUSec', 'StartLimitBurst',
                'StartLimitAction', 'RestartPreventExitStatus')


def check_json(d):
    need(d.get('format') == 'hermes-unit-lint', 'format must be "hermes-unit-lint"')
    need(d.get('version') == 1, 'version must be 1')
    need(is_str(d.get('tool_version')), 'tool_version')
    need(d.get('scope') in ('user', 'system'), 'scope')
    need(is_int(d.get('systemd_version'), 1), 'systemd_version')
    for key in ('policy_files', 'search_path'):
        need(isinstance(d.get(key), list) and all(is_str(x) for x in d[key]), f'{key}: array of strings')
    for i, u in enumerate(d.get('units', [])):
        w = f'units[{i}]'
        need(is_str(u.get('name')) and is_str(u.get('id')), f'{w}: name, id')
        need(u.get('load_state') in ('loaded', 'masked', 'not-found'), f'{w}.load_state')
        need(u.get('fragment_path') is None or is_str(u['fragment_path']), f'{w}.fragment_path')
        need(isinstance(u.get('dropin_paths'), list), f'{w}.dropin_paths')
        need(isinstance(u.get('gateway'), bool) and isinstance(u.get('hermes_written'), bool),
             f'{w}: gateway, hermes_written')
        eff = u.get('effective', {})
        for key in SOURCES_KEYS:
            v = eff.get(key)
            if need(isinstance(v, dict), f'{w}.effective.{key}'):
                need(is_str(v.get('value')) and is_int(v.get('line')) and is_str(v.get('source')),
                     f'{w}.effective.{key}: value, line, source')
                need((v.get('file') is None) == (v.get('source') != 'file'), f'{w}.effective.{key}: file iff source')
    counts = {'error': 0, 'warning': 0, 'info': 0}
    for i, f in enumerate(d.get('findings', [])):
        w = f'findings[{i}]'
        need(is_str(f.get('rule_id')) and f['rule_id'].startswith('HG') and is_str(f.get('rule')), f'{w}: rule')
        if need(f.get('severity') in counts, f'{w}.severity'):
            counts[f['severity']] += 1
        need(is_str(f.get('message')) and f['message'], f'{w}.message')
        need(is_int(f.get('line')) and is_int(f.get('column')), f'{w}: line, column')
        need(f.get('file') is None or is_str(f['file']), f'{w}.file')
        fix = f.get('fix')
        need(fix is None or (is_str(fix.get('path')) and is_str(fix.get('content'))), f'{w}.fix')
    need(d.get('summary') == counts, f'summary must count the findings: {counts}')


def main():
    kind, path = sys.argv[1], sys.argv[2]
    try:
        with open(path, encoding='utf-8') as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        print(f'{path}: not JSON: {e}')
        return 1
    (check_sarif if kind == 'sarif' else check_json)(data)
    for e in errors:
        print(f'{kind}: {e}')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
