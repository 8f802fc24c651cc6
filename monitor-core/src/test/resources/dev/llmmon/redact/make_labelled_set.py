#!/usr/bin/env python3
"""Writes labelled-set.txt, the labelled redaction set RedactionEvaluationTest measures (seed fixed: same file).

One example per line. A span to redact is marked [[KIND:value]]; a line without marks must be left unchanged.
Lines starting with # are comments. Run: python3 make_labelled_set.py > labelled-set.txt
"""
import base64, json, random, string

R = random.Random(11)
A = string.ascii_letters + string.digits

def rnd(n, alphabet=A):
    return ''.join(R.choice(alphabet) for _ in range(n))

def m(kind, v):
    return f'[[{kind}:{v}]]'

# ---------------------------------------------------------------- values
FIRST = ['jane', 'john', 'maria', 'li', 'ahmed', 'sofia', 'lukas', 'chloe', 'pablo', 'olivia', 'noah', 'emma']
LAST = ['doe', 'smith', 'garcia', 'wang', 'khan', 'rossi', 'muller', 'martin', 'lopez', 'brown', 'nguyen']
DOMAINS = ['example.com', 'example.org', 'mail.example.co.uk', 'corp.example.de', 'example.fr', 'sub.example.es',
           'example.io', 'my-company.example.net', 'uni.example.edu', 'example.travel']

def email():
    f, l, d = R.choice(FIRST), R.choice(LAST), R.choice(DOMAINS)
    form = R.randrange(8)
    local = [f'{f}.{l}', f'{f}{l}{R.randrange(100)}', f'{f[0]}{l}', f'{f}_{l}', f'{f}+{rnd(4).lower()}',
             f'{f}.{l}', f'{f.upper()}.{l.capitalize()}', f"{f}-{l}"][form]
    return f'{local}@{d}'

def luhn_complete(prefix, length):
    digits = [int(c) for c in prefix] + [R.randrange(10) for _ in range(length - len(prefix) - 1)]
    for check in range(10):
        ds = digits + [check]
        s = 0
        for i, d in enumerate(reversed(ds)):
            if i % 2 == 1:
                d *= 2
                if d > 9:
                    d -= 9
            s += d
        if s % 10 == 0:
            return ''.join(map(str, ds))

def luhn_ok(num):
    s = 0
    for i, c in enumerate(reversed(num)):
        d = int(c)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        s += d
    return s % 10 == 0

def card():
    kind = R.randrange(6)
    if kind == 0:
        n = luhn_complete('4', 16)
    elif kind == 1:
        n = luhn_complete(str(R.randint(51, 55)), 16)
    elif kind == 2:
        n = luhn_complete(str(R.randint(2221, 2720)), 16)
    elif kind == 3:
        n = luhn_complete(R.choice(['34', '37']), 15)
    elif kind == 4:
        n = luhn_complete('6011', 16)
    else:
        n = luhn_complete('4', 13) if R.random() < 0.3 else luhn_complete(str(R.randint(51, 55)), 16)
    sep = R.choice(['', ' ', '-'])
    if len(n) == 15:
        return sep.join([n[:4], n[4:10], n[10:]]) if sep else n
    if len(n) == 16:
        return sep.join(n[i:i + 4] for i in range(0, 16, 4))
    return n

IBAN_SPECS = {'DE': (18, 'n'), 'GB': (18, 'gb'), 'FR': (23, 'fr'), 'ES': (20, 'n'), 'NL': (14, 'nl'),
              'IT': (23, 'it'), 'CH': (17, 'n'), 'AT': (16, 'n'), 'BE': (12, 'n'), 'PL': (24, 'n')}

def iban():
    cc = R.choice(list(IBAN_SPECS))
    n, form = IBAN_SPECS[cc]
    if form == 'gb':
        bban = rnd(4, string.ascii_uppercase) + rnd(14, string.digits)
    elif form == 'nl':
        bban = rnd(4, string.ascii_uppercase) + rnd(10, string.digits)
    elif form == 'it':
        bban = rnd(1, string.ascii_uppercase) + rnd(22, string.digits)
    elif form == 'fr':
        bban = rnd(21, string.digits) + rnd(2, string.digits)
    else:
        bban = rnd(n, string.digits)
    num = ''.join(str(int(c, 36)) for c in bban + cc + '00')
    check = 98 - int(num) % 97
    value = f'{cc}{check:02d}{bban}'
    if R.random() < 0.6:
        value = ' '.join(value[i:i + 4] for i in range(0, len(value), 4))
    return value

def ipv4():
    return '.'.join(str(x) for x in [R.choice([10, 172, 192, 8, 34, 52, 203, 81]), R.randrange(256), R.randrange(256), R.randint(1, 254)])

def ipv6():
    groups = [f'{R.randrange(65536):x}' for _ in range(8)]
    form = R.randrange(6)
    if form == 0:
        return ':'.join(groups)
    if form == 1:
        return '2001:db8::' + groups[0]
    if form == 2:
        return 'fe80::' + ':'.join(groups[:3])
    if form == 3:
        return '::1'
    if form == 4:
        return '::ffff:' + ipv4()
    return ':'.join(groups[:3]) + '::' + ':'.join(groups[6:])

def jwt():
    def b64(o):
        return base64.urlsafe_b64encode(json.dumps(o, separators=(',', ':')).encode()).decode().rstrip('=')
    header = b64({'alg': R.choice(['HS256', 'RS256']), 'typ': 'JWT'})
    payload = b64({'sub': str(R.randrange(10 ** 6)), 'name': R.choice(FIRST), 'iat': 1700000000 + R.randrange(10 ** 6)})
    return f'{header}.{payload}.{rnd(43, A + "-_")}'

def api_key():
    k = R.randrange(12)
    return [
        lambda: 'sk-' + rnd(48),
        lambda: 'sk-proj-' + rnd(R.choice([48, 64, 120]), A + '-_'),
        lambda: 'sk-ant-api03-' + rnd(93, A + '-_') + 'AA',
        lambda: 'AKIA' + rnd(16, string.ascii_uppercase + string.digits),
        lambda: 'ghp_' + rnd(36),
        lambda: 'github_pat_' + rnd(22) + '_' + rnd(59),
        lambda: 'xoxb-' + rnd(12, string.digits) + '-' + rnd(13, string.digits) + '-' + rnd(24),
        lambda: 'xoxp-' + rnd(12, string.digits) + '-' + rnd(12, string.digits) + '-' + rnd(13, string.digits) + '-' + rnd(32, string.hexdigits.lower()[:16]),
        lambda: 'sk_live_' + rnd(24),
        lambda: 'rk_live_' + rnd(R.choice([24, 99])),
        lambda: 'sk-' + rnd(20) + 'T3BlbkFJ' + rnd(20),
        lambda: 'gho_' + rnd(36),
    ][k]()

def aws_secret():
    while True:
        v = rnd(40, A + '/+')
        if any(c.isupper() for c in v) and any(c.islower() for c in v) and any(c.isdigit() for c in v):
            return v

def ssn():
    while True:
        a = R.randint(1, 899)
        if a != 666:
            break
    g, s = R.randint(1, 99), R.randint(1, 9999)
    sep = R.choice(['-', '-', ' '])
    return f'{a:03d}{sep}{g:02d}{sep}{s:04d}'

PHONES = [
    # US
    lambda: f'({R.choice([212, 415, 312, 617, 206, 303])}) {R.randint(201, 989)}-{R.randint(1000, 9999)}',
    lambda: f'{R.choice([212, 415, 312, 617, 206, 303])}-{R.randint(201, 989)}-{R.randint(1000, 9999)}',
    lambda: f'{R.choice([212, 415, 312, 617, 206, 303])}.{R.randint(201, 989)}.{R.randint(1000, 9999)}',
    lambda: f'+1 {R.choice([212, 415, 312, 617, 206, 303])} {R.randint(201, 989)} {R.randint(1000, 9999)}',
    lambda: f'+1{R.choice([212, 415, 312, 617, 206, 303])}{R.randint(201, 989)}{R.randint(1000, 9999)}',
    lambda: f'1-800-{R.randint(201, 989)}-{R.randint(1000, 9999)}',
    lambda: f'{R.choice([212, 415, 312])}{R.randint(201, 989)}{R.randint(1000, 9999)}',
    # UK
    lambda: f'+44 20 7{R.randint(100, 999)} {R.randint(1000, 9999)}',
    lambda: f'020 7{R.randint(100, 999)} {R.randint(1000, 9999)}',
    lambda: f'07{R.randint(400, 999)} {R.randint(100000, 999999)}',
    lambda: f'+44 7{R.randint(400, 999)} {R.randint(100000, 999999)}',
    lambda: f'+447{R.randint(400, 999)}{R.randint(100000, 999999)}',
    lambda: f'0161 {R.randint(200, 999)} {R.randint(1000, 9999)}',
    # DE
    lambda: f'+49 30 {R.randint(1000000, 99999999)}',
    lambda: f'030 {R.randint(1000000, 99999999)}',
    lambda: f'0151 {R.randint(1000000, 99999999)}',
    lambda: f'+49 151 {R.randint(10000000, 99999999)}',
    lambda: f'+49 (0)89 {R.randint(100000, 9999999)}',
    lambda: f'089/{R.randint(100000, 9999999)}',
    # FR
    lambda: '0' + R.choice('123456789'[:5] + '67') + ' ' + ' '.join(f'{R.randrange(100):02d}' for _ in range(4)),
    lambda: '+33 ' + R.choice('1234567') + ' ' + ' '.join(f'{R.randrange(100):02d}' for _ in range(4)),
    lambda: '0' + R.choice('1234567') + '.' + '.'.join(f'{R.randrange(100):02d}' for _ in range(4)),
    lambda: '+33' + R.choice('67') + ''.join(f'{R.randrange(100):02d}' for _ in range(4)),
    # ES
    lambda: f'9{R.randint(10, 19)} {R.randint(100, 999)} {R.randint(100, 999)}',
    lambda: f'+34 9{R.randint(10, 19)} {R.randint(100, 999)} {R.randint(100, 999)}',
    lambda: f'6{R.randint(10, 99)} {R.randint(10, 99)} {R.randint(10, 99)} {R.randint(10, 99)}',
    lambda: f'+34 6{R.randint(10, 99)}{R.randint(100000, 999999)}',
    # E.164 elsewhere
    lambda: f'+61 2 {R.randint(8000, 9999)} {R.randint(1000, 9999)}',
    lambda: f'+81 3-{R.randint(1000, 9999)}-{R.randint(1000, 9999)}',
    lambda: f'+39 06 {R.randint(1000000, 9999999)}',
]

def phone():
    return R.choice(PHONES)()

TEMPLATES = {
    'EMAIL': ['Please contact {} for a refund.', 'My email is {}', 'Send the invoice to <{}> today.',
              'mailto:{}', 'From: "Jane" <{}>', 'cc {}, thanks', 'reach me at {}.', '{} wrote:', '(email: {})',
              'Login failed for user {} at 10:32'],
    'PHONE': ['Call me on {} after 5pm.', 'My number is {}', 'tel: {}', 'Phone {}, ask for billing.',
              'ring {} tomorrow', 'mobile: {}.', 'Contact support at {} or by chat', 'Fax {}'],
    'CARD': ['My card number is {} exp 09/27', 'card: {}', 'charge {} please', 'CC {} cvv redacted',
             'I paid with {}.', 'Visa/MC {}, billing zip 94107'],
    'IBAN': ['IBAN: {}', 'Please wire it to {} by Friday.', 'my account {} (Sparkasse)', 'Bankverbindung {}',
             'transfer to IBAN {}.'],
    'IP': ['request from {} was blocked', 'client_ip={}', 'ssh admin@{}', 'GET http://{}/health 200',
           'connect to {} port 22', 'X-Forwarded-For: {}'],
    'API_KEY': ['my key is {}', 'OPENAI_API_KEY={}', 'export TOKEN={}', 'use "{}" in the header',
                'key: {}, do not share', 'I pasted {} by mistake'],
    'JWT': ['token {}', 'cookie session={}', 'here is my jwt: {}', 'id_token={}&state=xyz'],
    'SSN': ['SSN {}', 'my social security number is {}', 'ssn: {}.', 'SSN# {} on file'],
}
GEN = {'EMAIL': email, 'PHONE': phone, 'CARD': card, 'IBAN': iban, 'IP': None, 'API_KEY': api_key, 'JWT': jwt, 'SSN': ssn}

def positive(kind):
    t = R.choice(TEMPLATES[kind])
    if kind == 'IP':
        v = ipv4() if R.random() < 0.55 else ipv6()
        if ':' in v and R.random() < 0.3:
            return f'listening on [{m("IP", v)}]:{R.choice([443, 8443, 8080])}'
        if ':' not in v and R.random() < 0.3:
            return f'upstream {m("IP", v)}:{R.choice([80, 443, 5432])} timed out'
        if v.startswith('fe80') and R.random() < 0.5:
            return f'link-local {m("IP", v)}%eth0 up'
        return t.format(m('IP', v))
    return t.format(m(kind, GEN[kind]()))

def special_positives():
    out = []
    for _ in range(12):
        out.append(f'aws_access_key_id = {m("API_KEY", "AKIA" + rnd(16, string.ascii_uppercase + string.digits))}')
        out.append(f'aws_secret_access_key = {m("API_KEY", aws_secret())}')
        out.append(f'Authorization: Bearer {m("API_KEY", rnd(R.choice([24, 32, 40]), A + "-._"))}')
        out.append(f'curl -H "Authorization: Bearer {m("API_KEY", "sk-proj-" + rnd(48))}" https://api.example.com')
        out.append(f'SSN {m("SSN", str(R.randint(100, 665)) + f"{R.randint(10, 99)}{R.randint(1000, 9999)}")} (no dashes)')
    out += ['I am ' + m('EMAIL', 'jürgen.müller@example.de') + ' from Köln',
            'write to ' + m('EMAIL', 'ops-team+alerts@eu-west.mail.example.com'),
            'EMAIL ' + m('EMAIL', 'JANE.DOE@EXAMPLE.COM'),
            'two of them: ' + m('EMAIL', 'a.b@example.com') + ' and ' + m('EMAIL', 'c_d@example.org'),
            'name [at] domain: ' + m('EMAIL', 'jane.doe [at] example [dot] com'),
            'card ' + m('CARD', '3782 822463 10005') + ' (amex)',
            'MC 2-series ' + m('CARD', '2221 0000 0000 0009'),
            'and then ' + m('PHONE', '+1 (415) 555-2671') + ' or ' + m('EMAIL', 'x@example.com'),
            'v6 ' + m('IP', '2001:0db8:85a3:0000:0000:8a2e:0370:7334') + ' full form',
            'both ' + m('IP', '10.0.0.12') + ' and ' + m('IP', '2001:db8:1::ab9:c0a8:102'),
            ]
    more_phones = ['+1 (415) 555-2671', '415 555 2671', '+1.415.555.2671', '(415)555-2671', '+44 (0)20 7946 0958',
                   '0044 20 7946 0958', '+442079460958', '07700 900123', '01632 960123', '+49-30-1234567',
                   '+49 30 1234-5678', '0049 30 12345678', '(030) 12345678', '030-12345678', '+49 1512 3456789',
                   '+33 (0)1 23 45 67 89', '0033 1 23 45 67 89', '06-12-34-56-78', '0612345678', '+34 91 123 45 67',
                   '91 123 45 67', '+34-612-345-678', '612345678', '0221 1234567', '1 800 555 0199', '+14155552671']
    for p in more_phones:
        out.append(R.choice(TEMPLATES['PHONE']).format(m('PHONE', p)))
    out += ['tel:' + m('PHONE', '+1-415-555-2671'), m('PHONE', '415-555-2671') + ' ext. 123',
            'card=' + m('CARD', '4111-1111-1111-1111') + ';', 'JCB ' + m('CARD', '3530 1113 3330 0000'),
            'IBAN ' + m('IBAN', 'GB82 WEST 1234 5698 7654 32'), 'lower ' + m('IBAN', 'gb82west12345698765432'),
            'FR ' + m('IBAN', 'FR14 2004 1010 0505 0001 3M02 606'), 'http://' + m('IP', '192.168.0.1') + ':8080/admin',
            '[' + m('IP', '::1') + ']:8080', m('IP', '2001:DB8::8:800:200C:417A') + ' upper case',
            'Authorization: Bearer ' + m('API_KEY', 'ya29.a0AfH6SMBx'), 'authorization: bearer ' + m('API_KEY', 'abc123'),
            'export ANTHROPIC_API_KEY=' + m('API_KEY', 'sk-ant-api03-' + rnd(40)),
            '"aws_secret_access_key": "' + m('API_KEY', aws_secret()) + '"',
            'AWS secret: ' + m('API_KEY', aws_secret())]
    return out

# ---------------------------------------------------------------- hard negatives
def non_luhn16():
    while True:
        n = str(R.randint(10 ** 15, 10 ** 16 - 1))
        if not luhn_ok(n):
            return n

def luhn_outside_ranges():
    return luhn_complete(R.choice(['1', '7', '8', '9']), 16)

NEGATIVES = [
    lambda: f'Order {non_luhn16()} has shipped.',
    lambda: f'order number {non_luhn16()}',
    lambda: f'tracking {luhn_outside_ranges()} (reference, not a card)',
    lambda: f'Windows 10.0.{R.randint(19041, 22631)}.{R.randint(1000, 4999)}',
    lambda: f'okhttp {R.randint(3, 5)}.{R.randint(0, 14)}.{R.randint(0, 9)}',
    lambda: f'upgrade to version {R.randint(1, 9)}.{R.randint(0, 20)}.{R.randint(0, 30)}',
    lambda: f'release v{R.randint(1, 9)}.{R.randint(0, 9)}.{R.randint(0, 9)}-rc.{R.randint(1, 5)}',
    lambda: f'Chrome/{R.randint(100, 131)}.0.{R.randint(1000, 6999)}.{R.randint(10, 199)} Safari/537.36',
    lambda: f'OID 1.3.6.1.4.1.{R.randint(100, 99999)}.{R.randint(1, 9)}.{R.randint(1, 9)}',
    lambda: f'oid 2.5.4.{R.randint(1, 50)}',
    lambda: f'build {R.randint(2019, 2026)}{R.randint(1, 12):02d}{R.randint(1, 28):02d}.{R.randint(1, 99)}',
    lambda: f'Build #{R.randint(1000, 99999)} passed',
    lambda: f'build number {R.randint(100000, 9999999)}',
    lambda: f'on {R.randint(2019, 2026)}-{R.randint(1, 12):02d}-{R.randint(1, 28):02d} at {R.randint(0, 23):02d}:{R.randint(0, 59):02d}:{R.randint(0, 59):02d}',
    lambda: f'due {R.randint(1, 28):02d}/{R.randint(1, 12):02d}/{R.randint(2019, 2026)}',
    lambda: f'timestamp {R.randint(2019, 2026)}-{R.randint(1, 12):02d}-{R.randint(1, 28):02d}T{R.randint(0, 23):02d}:{R.randint(0, 59):02d}:00Z',
    lambda: f'epoch {R.randint(1600000000, 1800000000)}',
    lambda: f'epoch ms {R.randint(1600000000000, 1800000000000)}',
    lambda: 'request id ' + '-'.join([rnd(8, '0123456789abcdef'), rnd(4, '0123456789abcdef'), '4' + rnd(3, '0123456789abcdef'), 'a' + rnd(3, '0123456789abcdef'), rnd(12, '0123456789abcdef')]),
    lambda: f'commit {rnd(40, "0123456789abcdef")}',
    lambda: f'sha256 {rnd(64, "0123456789abcdef")}',
    lambda: f'color #{rnd(6, "0123456789abcdef")}',
    lambda: f'total ${R.randint(1, 99)},{R.randint(100, 999)}.{R.randint(10, 99)}',
    lambda: f'{R.randint(1, 999)} items at {R.randint(1, 99)}.{R.randint(10, 99)} EUR',
    lambda: f'ISBN 978-{R.randint(0, 9)}-{R.randint(10, 99)}-{R.randint(100000, 999999)}-{R.randint(0, 9)}',
    lambda: f'ZIP {R.randint(10000, 99999)}',
    lambda: f'room {R.randint(100, 999)}, floor {R.randint(1, 30)}',
    lambda: f'port {R.randint(1024, 65535)} is open',
    lambda: f'MAC {":".join(rnd(2, "0123456789ABCDEF") for _ in range(6))}',
    lambda: f'coordinates {R.randint(-89, 89)}.{R.randint(1000, 9999)}, {R.randint(-179, 179)}.{R.randint(1000, 9999)}',
    lambda: f'{R.randint(1, 99)}.{R.randint(0, 9)}% of requests',
    lambda: f'latency p95 {R.randint(100, 9999)} ms over {R.randint(1000, 99999)} calls',
    lambda: f'invalid SSN {R.choice(["000", "666", "900", "987"])}-{R.randint(10, 99)}-{R.randint(1000, 9999)}',
    lambda: f'SSN 123-00-{R.randint(1000, 9999)} is not issued',
    lambda: f'ticket ORD-{R.randint(2019, 2026)}-{R.randint(100000, 999999)}',
    lambda: f'invoice INV {R.randint(2019, 2026)} {R.randint(1000, 9999)} {R.randint(10, 99)}',
    lambda: 'the sk-learn pipeline and a risk-management-framework-overview',
    lambda: 'the bearer of bad news arrived',
    lambda: 'std::vector<int> and Foo::Bar::baz()',
    lambda: f'at {R.randint(0, 23):02d}:{R.randint(0, 59):02d} we deployed',
    lambda: 'ping @jane on slack, #incident-42',
    lambda: f'file report_{R.randint(2019, 2026)}{R.randint(1, 12):02d}.final.pdf',
    lambda: f'C:\\Users\\Public\\build\\{R.randint(1000, 9999)}\\out.log',
    lambda: 'see https://docs.example.com/v2/guide#section-3',
    lambda: f'SKU {rnd(3, string.ascii_uppercase)}-{R.randint(10000, 99999)}',
    lambda: f'The answer is {R.randint(1, 10 ** 6)}.',
    lambda: f'matrix [{R.randint(1, 9)}, {R.randint(1, 9)}, {R.randint(1, 9)}]',
    lambda: f'scores {R.randint(1, 5)}/5, {R.randint(1, 5)}/5 and {R.randint(1, 5)}/5',
    lambda: 'ext. ' + str(R.randint(100, 9999)),
    lambda: 'call 911 or 112',
    lambda: f'{R.randint(2, 9)}x{R.randint(2, 9)} grid, {R.randint(10, 99)} cells',
    lambda: f'id:{R.randint(10 ** 5, 10 ** 6)} rev:{R.randint(1, 99)}',
    lambda: 'Base64 aGVsbG8gd29ybGQ= is hello world',
    lambda: f'model gpt-4o-2024-08-06 at temperature 0.{R.randint(0, 9)}',
    lambda: f'claude-3-5-sonnet-{R.randint(2024, 2025)}{R.randint(1, 12):02d}{R.randint(1, 28):02d}',
    lambda: f'AKIA is how AWS key ids begin, and aws is a word here',
    lambda: 'IBAN DE00 1234 5678 9012 3456 78 (wrong check digits)',
    lambda: f'phone: not given, age {R.randint(18, 90)}, height {R.randint(150, 200)} cm',
    lambda: f'{R.randint(1, 12)}/{R.randint(1, 28)} meeting moved to {R.randint(1, 12)}:{R.randint(10, 59)}',
    lambda: f'range 10-{R.randint(20, 99)} and {R.randint(100, 199)}-{R.randint(200, 999)}',
]
FIXED_NEGATIVES = ['OID 1.2.840.113549.1.1.11', 'build 2024.11.15.1234', 'Build 1234567890 finished',
    'tracking 1Z999AA10123456784', 'The year 2024 had 365 days and 8760 hours.', 'Meeting at 10:30-11:45 on 12/05/2024',
    'Price: 1,234,567.89 USD', 'trace 4bf92f3577b34da6a3ce929d0e0e4736', 'span 00f067aa0ba902b7',
    'ISBN 978-0-306-40615-7', 'ISBN 0306406152', 'Lot 2024-0001-5678', 'serial SN-99812-AX',
    'IPv6 is written like a:b::c in docs', 'ratio 16:9 and 4:3', 'time 12:30:45.123', 'see RFC 4291 section 2.2',
    'request took 1234567 ns', 'HTTP 404 at /api/v1/users/12345678', 'user id 987654321', 'ZIP 94107-1234',
    'SKU 00012345678905', 'EAN 4006381333931', 'gtin 0614141123452', 'amount 4111.11 EUR', 'pi is 3.14159265358979',
    'Visit us at 123 Main Street, Suite 400', 'The ratio was 0.5551234567', 'call stack depth 2 3 4 5 6 7 8 9 10',
    'Dial-up at 56.6 kbps', 'user@localhost is not an address', 'sk-proj-abc_DEF-123 is too short to be a key',
    'ssn=078-05-1120 is the Woolworth example', 'a 4-digit PIN like 1234 and a CVV 123']


def clean_prose():
    words = ('the model answered politely but missed the refund policy and the user asked again about '
             'their order status while the latency spiked after the deploy of the new prompt version').split()
    return ' '.join(R.choice(words) for _ in range(R.randint(6, 18))).capitalize() + '.'

def main():
    print('# Labelled redaction set (generated by make_labelled_set.py, seed 11): [[KIND:value]] marks a span')
    print('# to redact; a line without marks is clean text that must be left unchanged.')
    lines = []
    for kind in TEMPLATES:
        for _ in range(55):
            lines.append(positive(kind))
    lines += special_positives()
    for _ in range(6):
        for neg in NEGATIVES:
            lines.append(neg())
    for _ in range(60):
        lines.append(clean_prose())
    lines += FIXED_NEGATIVES
    # mixed lines: a positive inside a hard negative's context
    for _ in range(30):
        lines.append(NEGATIVES[R.randrange(len(NEGATIVES))]() + ' / ' + positive(R.choice(list(TEMPLATES))))
    R.shuffle(lines)
    for l in lines:
        assert '\n' not in l
        print(l)

main()
