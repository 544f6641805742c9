# Python twin of table.zeek: dict insert / lookup / membership / iteration / delete.

N = 300000  # count-keyed entries
S = 150000  # string-keyed entries


def main():
    t = {}
    i = 0

    # Insert N keys (spread out: multiples of 7).
    while i < N:
        t[i * 7] = i
        i += 1

    print(len(t))

    # Look every key up, and probe N keys that are mostly absent.
    sum_ = 0
    hits = 0
    i = 0
    while i < N:
        sum_ += t[i * 7]

        if (i * 3) in t:
            hits += 1

        i += 1

    print("%d, %d" % (sum_, hits))

    # Iterate over the keys.
    ksum = 0
    for k in t:
        ksum += k

    print(ksum)

    # Delete every key.
    i = 0
    while i < N:
        del t[i * 7]
        i += 1

    print(len(t))

    # Same again with string keys.
    st = {}
    i = 0
    while i < S:
        st["key%d" % i] = i
        i += 1

    # Probe S keys, half of them absent.
    ssum = 0
    shits = 0
    i = 0
    while i < S:
        key = "key%d" % (i * 2)

        if key in st:
            ssum += st[key]
            shits += 1

        i += 1

    print("%d, %d, %d" % (len(st), ssum, shits))

    sksum = 0
    for sk in st:
        sksum += len(sk)

    i = 0
    while i < S:
        del st["key%d" % i]
        i += 1

    print("%d, %d" % (sksum, len(st)))


main()
