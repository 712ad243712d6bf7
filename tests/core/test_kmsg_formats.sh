#!/usr/bin/env bash
# Every vml_layout_kmsg() format takes only unsigned long long arguments
# (include/vmlayout/layout.h): a %s or %d there is undefined behaviour that
# printed "(null)" into a golden once. Checks the formats in the sources.
set -u
exec python3 - <<'PY'
import pathlib, re, sys
conv = re.compile(r'%(?:%|[-+ #0]*\d*(?:\.\d+)?(?P<len>hh|h|ll|l|j|z|t|L)?(?P<t>[a-zA-Z]))')
bad, n = [], 0
for p in sorted(pathlib.Path('src').rglob('*.c')):
    s = p.read_text()
    for m in re.finditer(r'vml_layout_kmsg(?P<named>_name)?(?:_args)?\(\s*[^,]+,\s*((?:[^,"]*\?\s*)?(?:"(?:\\.|[^"\\])*"\s*)+)', s):
        fmt = ''.join(re.findall(r'"((?:\\.|[^"\\])*)"', m.group(2)))
        n += 1
        convs = [c for c in conv.finditer(fmt) if c.group(0) != '%%']
        if m.group('named'):
            # vml_layout_kmsg_name(): one leading %s, then the usual
            if not convs or convs[0].group(0) != '%s':
                bad.append('%s: "%s": no leading %%s' % (p, fmt))
            convs = convs[1:]
        for c in convs:
            if False:
                continue
            if c.group('len') != 'll' or c.group('t') not in 'uxXdi':
                bad.append('%s: "%s": %s' % (p, fmt, c.group(0)))
for b in bad:
    print('FAIL', b)
print('ok %d kmsg formats checked' % n if not bad else '')
print('test_kmsg_formats: %d passed, %d failed' % (0 if bad else 1, 1 if bad else 0))
sys.exit(1 if bad else 0)
PY
