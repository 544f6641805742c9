# Python twin of arith.zeek: scalar arithmetic loop mixing ints and floats.

N = 1500000


def main():
    i = 0
    a = 1  # LCG state, stays below 2^31
    b = 0  # random walk, kept inside [-500, 1000]
    d = 0.0  # accumulator, kept below 100.0
    hits = 0
    odd = 0

    while i < N:
        a = (a * 1103515245 + 12345) % 2147483648

        if a % 3 == 0:
            b = b + 7
        else:
            b = b - 2

        if b > 1000:
            b = b - 1500

        d = d + (a // 1024) * 0.000001

        if d > 100.0:
            d = d / 3.0
            hits += 1

        if i % 2 == 1 and a > 1073741824:
            odd += 1

        i += 1

    print("%d, %d, %d, %d" % (a, b, hits, odd))
    print("%.6f" % d)


main()
