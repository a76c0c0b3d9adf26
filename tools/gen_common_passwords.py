#!/usr/bin/env python3
"""Writes core/common_passwords_list.inc: the passwords of 12 or more characters that attackers
try first, rebuilt from the shapes that dominate public breach corpora (SecLists' top lists,
the NCSC's "100k most common", RockYou): keyboard walks, digit runs, the most common words and
names (English and Spanish) with the suffixes people add, doubled words and famous phrases.
No list is downloaded; re-run after editing the tables below:
    python3 tools/gen_common_passwords.py > core/common_passwords_list.inc
Entries are folded (lower case, no accents), the form core::is_common_password compares."""

import itertools
import unicodedata

MIN_LEN, MAX_LEN = 12, 128


def fold(s):
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c))


WORDS = """
password passw0rd p@ssword p@ssw0rd pa55word pass iloveyou princess sunshine football baseball
basketball soccer hockey welcome monkey dragon master letmein shadow superman batman spiderman
michael jennifer jordan trustno1 whatever starwars computer michelle charlie liverpool chelsea
arsenal chocolate butterfly qwerty admin administrator login changeme default secret freedom
pokemon minecraft fortnite roblox babygirl lovely nicole daniel jessica ashley anthony
tinkerbell elizabeth manchester barcelona realmadrid madrid junior hunter ranger buster soccer
harley hannah thomas robert matthew joshua andrew amanda melissa samantha taylor austin
summer winter autumn spring flower angel angels family friends forever lovers loveme mylove
iloveu ilovegod jesus jesuschrist blessed heaven faith hello hellokitty kitty purple orange
yellow silver golden diamond cookie pepper ginger maggie buddy bailey tigger tiger lion
mustang ferrari porsche mercedes corvette yankees cowboys steelers eagles lakers packers
google facebook linkedin twitter instagram youtube yahoo hotmail gmail microsoft apple samsung
internet security access letmein123 trustme whatever1 nothing something everything
qazwsx abc abcd abcdef abcdefg test tester testing guest user root toor oracle mysql postgres
cisco server network system support office company enlace
contrasena contraseña clave micontrasena teamo tequiero amor mivida micorazon corazon princesa
princeso estrella mariposa bonita hermosa chiquita gatito perrito mama papa familia
hola holamundo bienvenido bienvenida dios diosesamor jesucristo angelito cielo
futbol america argentina colombia mexico venezuela peru chile ecuador bolivia uruguay
paraguay espana españa guatemala honduras cuba dominicana boca river barca
maria jose juan carlos luis jorge pedro miguel antonio manuel francisco javier alejandro
daniela valentina camila sofia isabella lucia martina gabriela andrea natalia carolina
fernanda paola alejandra monica patricia laura sandra claudia
solidaridad migrante refugio
""".split()

NUMBER_SUFFIXES = ["", "1", "12", "123", "1234", "12345", "123456", "1234567", "12345678",
                   "123456789", "1234567890", "0", "01", "00", "007", "11", "13", "21", "22",
                   "23", "69", "77", "88", "99", "100", "111", "666", "777", "1111", "2000",
                   "!", "1!", "123!", "@123", "#1", "*", "."]
YEARS = [str(y) for y in list(range(1980, 2011)) + list(range(2020, 2027))]

SEQUENCES = ["1234567890", "0987654321", "qwertyuiop", "asdfghjkl", "zxcvbnm", "abcdefghijklmnopqrstuvwxyz",
             "1q2w3e4r5t6y7u8i9o0p", "1qaz2wsx3edc4rfv5tgb6yhn", "qazwsxedcrfvtgbyhn", "zaq12wsxcde3",
             "qweasdzxc", "q1w2e3r4t5y6", "a1b2c3d4e5f6g7", "qwertyuiopasdfghjklzxcvbnm",
             "147258369", "159753", "741852963", "369258147", "147852369", "987654321", "qwerasdfzxcv",
             "1qazxsw2", "poiuytrewq", "lkjhgfdsa", "mnbvcxz", "qwertz", "azerty", "ytrewq"]

PHRASES = """
correct horse battery staple|correcthorsebatterystaple|the quick brown fox|
thequickbrownfoxjumpsoverthelazydog|iloveyoubaby|iloveyouforever|iloveyousomuch|iloveyoutoo|
iloveyoumore|letmeinplease|opensesame|myspace1|whatever123|nopassword|changemenow|
passwordpassword|password1234|passwordispassword|mypassword|mypassword123|thisismypassword|
thisisapassword|newpassword|newpassword123|oldpassword|secretpassword|supersecret|
supersecretpassword|administrator1|adminadmin123|rootroot1234|welcome2enlace|welcometoenlace|
trustnoone123|nevergiveup|dontforgetme|youllneverwalkalone|mayitbewithyou|
maytheforcebewithyou|harrypotter|lordoftherings|gameofthrones|thewalkingdead|
chuck norris|chucknorris|blink182blink182|abc123abc123|qwerty123qwerty|aaaaaaaaaaaa|
aaaaaaaaaaaaaaaa|abcabcabcabc|abcdabcdabcd|asdasdasdasd|qweqweqweqwe|zxczxczxczxc|
asdfasdfasdf|qwerqwerqwer|lalalalalala|hahahahahaha|jajajajajaja|jejejejejeje|
tequieromucho|teamomucho|teamoamor|amorprohibido|dioseamor|diosesbueno|diosteama|
todoporti|eresmivida|mimamamemima|contraseñasegura|contrasenasegura|soylamejor|
soyelmejor|hastalavista|felizcumpleanos|feliznavidad|buenosdias|
""".replace("\n", "").split("|")


def emit(out, candidate):
    c = fold(candidate)
    if MIN_LEN <= len(c) <= MAX_LEN:
        out.add(c)


def main():
    out = set()
    for p in PHRASES:
        if p.strip():
            emit(out, p.strip())
            emit(out, p.strip().replace(" ", ""))
    for d in "0123456789abcdefghijklmnopqrstuvwxyz":
        for n in range(MIN_LEN, 21):
            emit(out, d * n)
    for seq in SEQUENCES:
        doubled = seq * 4
        for n in range(MIN_LEN, min(len(doubled), 32) + 1):
            emit(out, doubled[:n])
        for suffix in NUMBER_SUFFIXES:
            emit(out, seq + suffix)
    for block in ["12", "123", "1234", "12345", "123456", "121", "1212", "112233", "102030", "696969",
                  "abc", "ab12", "a1b2", "aa", "ab", "abcabc", "qwe", "asd", "zxc", "xyz"]:
        for n in range(MIN_LEN, 21):
            emit(out, (block * 20)[:n])
    for a, b in itertools.product(["123", "1234", "12345", "123456", "qwerty", "abc", "abcd", "asdf"], repeat=2):
        emit(out, a + b + a)
        emit(out, a + b + b)
    for w in WORDS:
        emit(out, w + w)
        emit(out, w + w + "1")
        emit(out, w + w + "123")
        for suffix in NUMBER_SUFFIXES:
            emit(out, w + suffix)
        for prefix in ["123", "1234", "12345", "123456"]:
            emit(out, prefix + w)
        for y in YEARS:
            emit(out, w + y)
        for y in ["2020", "2021", "2022", "2023", "2024", "2025", "2026"]:
            emit(out, w + "@" + y)
            emit(out, w + y + "!")
    for w1, w2 in itertools.product(["ilove", "teamo", "my"], WORDS):
        for suffix in ["", "123"]:
            emit(out, w1 + w2 + suffix)
    entries = sorted(out)
    print("// Generated by tools/gen_common_passwords.py: do not edit by hand. %d entries." % len(entries))
    for e in entries:
        print('    "%s",' % e.replace("\\", "\\\\").replace('"', '\\"'))


if __name__ == "__main__":
    main()
