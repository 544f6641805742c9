# Python twin of strings.zeek: string building with %-formatting and + concatenation.

N = 600000


def main():
    i = 0
    tag = "blk0"
    piece = ""
    acc = ""
    total = 0
    flushes = 0

    while i < N:
        if i % 1000 == 0:
            tag = "blk%d" % (i // 1000)

        piece = "%s-%d" % (tag, i)
        acc = acc + piece + ","

        # Flush the accumulator once it passes 4 KiB, so the work stays
        # linear in N instead of copying an ever-growing string.
        if len(acc) > 4096:
            total += len(acc)
            acc = ""
            flushes += 1

        i += 1

    total += len(acc)
    print("%d, %d, %d" % (total, flushes, len(acc)))
    print(piece)


main()
