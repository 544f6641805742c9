# Python twin of records.zeek: small __slots__ objects appended to a list, then a pass over fields.


class Item:
    __slots__ = ("id", "name", "score", "even")

    def __init__(self, id, name, score, even):
        self.id = id
        self.name = name
        self.score = score
        self.even = even


N = 300000


def main():
    v = []
    i = 0

    while i < N:
        r = Item(i, "item", i * 0.5, i % 2 == 0)
        v.append(r)
        i += 1

    print(len(v))

    idsum = 0
    scoresum = 0.0
    evens = 0
    namelen = 0
    i = 0

    while i < len(v):
        r = v[i]
        idsum += r.id
        scoresum += r.score
        namelen += len(r.name)

        if r.even:
            evens += 1

        i += 1

    print("%d, %d, %d" % (idsum, evens, namelen))
    print("%.1f" % scoresum)


main()
