# Python twin of fib.zeek: naive recursive fib(33).


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def main():
    n = 33
    print("fib(%d) = %d" % (n, fib(n)))


main()
