"""Date arithmetic the way application code does it: a small Date class (proleptic Gregorian,
ordinal conversions, weekday, adding months with clamping, comparisons through dunder methods),
a Period class, and a loop that builds a payment schedule and counts business days."""

DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
DAYS_BEFORE_MONTH = [0]
for _m in range(1, 13):
    DAYS_BEFORE_MONTH.append(DAYS_BEFORE_MONTH[-1] + DAYS_IN_MONTH[_m])


def is_leap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def days_in_month(y, m):
    if m == 2 and is_leap(y):
        return 29
    return DAYS_IN_MONTH[m]


def days_before_year(y):
    y -= 1
    return y * 365 + y // 4 - y // 100 + y // 400


class Date:
    def __init__(self, year, month, day):
        if not 1 <= month <= 12:
            raise ValueError("month must be in 1..12")
        if not 1 <= day <= days_in_month(year, month):
            raise ValueError("day is out of range for month")
        self.year = year
        self.month = month
        self.day = day

    def toordinal(self):
        before = DAYS_BEFORE_MONTH[self.month - 1] + (1 if self.month > 2 and is_leap(self.year) else 0)
        return days_before_year(self.year) + before + self.day

    @classmethod
    def fromordinal(cls, n):
        n -= 1
        n400, n = divmod(n, 146097)
        year = n400 * 400 + 1
        n100, n = divmod(n, 36524)
        n4, n = divmod(n, 1461)
        n1, n = divmod(n, 365)
        year += n100 * 100 + n4 * 4 + n1
        if n1 == 4 or n100 == 4:
            return cls(year - 1, 12, 31)
        month = (n + 50) >> 5
        preceding = DAYS_BEFORE_MONTH[month - 1] + (1 if month > 2 and is_leap(year) else 0)
        if preceding > n:
            month -= 1
            preceding -= days_in_month(year, month)
        return cls(year, month, n - preceding + 1)

    def weekday(self):
        return (self.toordinal() + 6) % 7

    def add_days(self, k):
        return Date.fromordinal(self.toordinal() + k)

    def add_months(self, k):
        m0 = self.month - 1 + k
        y = self.year + m0 // 12
        m = m0 % 12 + 1
        return Date(y, m, min(self.day, days_in_month(y, m)))

    def __eq__(self, other):
        return (self.year, self.month, self.day) == (other.year, other.month, other.day)

    def __lt__(self, other):
        return (self.year, self.month, self.day) < (other.year, other.month, other.day)

    def __le__(self, other):
        return not other < self

    def __hash__(self):
        return hash((self.year, self.month, self.day))

    def __sub__(self, other):
        return self.toordinal() - other.toordinal()


class Period:
    def __init__(self, start, end):
        self.start = start
        self.end = end

    def business_days(self, holidays):
        count = 0
        d = self.start
        while d < self.end:
            if d.weekday() < 5 and d not in holidays:
                count += 1
            d = d.add_days(1)
        return count


def schedule(start, months, holidays):
    total = 0
    prev = start
    for k in range(1, months + 1):
        pay = start.add_months(k)
        while pay.weekday() >= 5 or pay in holidays:
            pay = pay.add_days(1)
        p = Period(prev, pay)
        total += p.business_days(holidays) * k + (pay - prev)
        prev = pay
    return total


def bench(n):
    holidays = set()
    for y in range(1990, 2060):
        holidays.add(Date(y, 1, 1))
        holidays.add(Date(y, 12, 25))
        holidays.add(Date(y, 7, 4))
    total = 0
    for i in range(n):
        start = Date(1995 + i % 20, 1 + i % 12, 1 + (i * 7) % 28)
        total += schedule(start, 24, holidays)
    return total


SIZES = {"quick": 40, "full": 150}
