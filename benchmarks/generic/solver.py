"""A one-way constraint solver in the style of DeltaBlue: variables and constraints with
strengths, planning by walking the constraint graph, chains and projections re-solved many
times. Plain classes, inheritance and method overriding, lists of objects."""


class Strength:
    def __init__(self, value, name):
        self.value = value
        self.name = name

    def stronger(self, other):
        return self.value < other.value

    def weaker(self, other):
        return self.value > other.value


REQUIRED = Strength(0, "required")
STRONG_PREFERRED = Strength(1, "strongPreferred")
PREFERRED = Strength(2, "preferred")
STRONG_DEFAULT = Strength(3, "strongDefault")
NORMAL = Strength(4, "normal")
WEAK_DEFAULT = Strength(5, "weakDefault")
WEAKEST = Strength(6, "weakest")


class Variable:
    def __init__(self, name, value=0):
        self.name = name
        self.value = value
        self.constraints = []
        self.determined_by = None
        self.walk_strength = WEAKEST
        self.stay = True
        self.mark = 0

    def add_constraint(self, c):
        self.constraints.append(c)


class Constraint:
    def __init__(self, strength):
        self.strength = strength

    def is_input(self):
        return False


class UnaryConstraint(Constraint):
    def __init__(self, v, strength, planner):
        Constraint.__init__(self, strength)
        self.output = v
        self.satisfied = False
        v.add_constraint(self)
        planner.add(self)

    def choose(self, mark):
        self.satisfied = self.output.mark != mark and self.strength.stronger(self.output.walk_strength)

    def inputs_known(self, mark):
        return True

    def execute(self):
        pass

    def recalculate(self):
        self.output.walk_strength = self.strength
        self.output.stay = not self.is_input()
        if self.output.stay:
            self.execute()

    def out(self):
        return self.output


class StayConstraint(UnaryConstraint):
    pass


class EditConstraint(UnaryConstraint):
    def is_input(self):
        return True


class BinaryConstraint(Constraint):
    def __init__(self, v1, v2, strength, planner):
        Constraint.__init__(self, strength)
        self.v1 = v1
        self.v2 = v2
        self.forward = None
        v1.add_constraint(self)
        v2.add_constraint(self)
        planner.add(self)

    @property
    def satisfied(self):
        return self.forward is not None

    def choose(self, mark):
        if self.v1.mark == mark:
            self.forward = False if self.v2.mark != mark and self.strength.stronger(self.v2.walk_strength) else None
        elif self.v2.mark == mark:
            self.forward = True if self.v1.mark != mark and self.strength.stronger(self.v1.walk_strength) else None
        elif self.v1.walk_strength.weaker(self.v2.walk_strength):
            self.forward = True if self.strength.stronger(self.v1.walk_strength) else None
        else:
            self.forward = False if self.strength.stronger(self.v2.walk_strength) else None

    def out(self):
        return self.v2 if self.forward else self.v1

    def inp(self):
        return self.v1 if self.forward else self.v2

    def inputs_known(self, mark):
        i = self.inp()
        return i.mark == mark or i.stay or i.determined_by is None

    def recalculate(self):
        ihn, out = self.inp(), self.out()
        out.walk_strength = self.strength if self.strength.weaker(ihn.walk_strength) else ihn.walk_strength
        out.stay = ihn.stay
        if out.stay:
            self.execute()


class EqualityConstraint(BinaryConstraint):
    def execute(self):
        self.out().value = self.inp().value


class ScaleConstraint(BinaryConstraint):
    def __init__(self, src, scale, offset, dest, strength, planner):
        self.scale = scale
        self.offset = offset
        BinaryConstraint.__init__(self, src, dest, strength, planner)

    def execute(self):
        if self.forward:
            self.v2.value = self.v1.value * self.scale.value + self.offset.value
        else:
            self.v1.value = (self.v2.value - self.offset.value) // self.scale.value


class Planner:
    def __init__(self):
        self.constraints = []
        self.mark = 0

    def add(self, c):
        self.constraints.append(c)

    def plan(self):
        """Satisfy every constraint in strength order (strongest first), then propagate."""
        self.mark += 1
        mark = self.mark
        for v in self.variables():
            v.determined_by = None
            v.walk_strength = WEAKEST
            v.stay = True
            v.mark = 0
        order = sorted(self.constraints, key=lambda c: c.strength.value)
        for c in order:
            c.choose(mark)
            if c.satisfied:
                o = c.out()
                o.mark = mark
                o.determined_by = c
        count = 0
        for c in order:
            if c.satisfied and c.inputs_known(mark):
                c.recalculate()
                count += 1
        return count

    def variables(self):
        seen = []
        for c in self.constraints:
            for name in ("output", "v1", "v2"):
                v = c.__dict__.get(name)
                if v is not None and v.mark != -1:
                    v.mark = -1
                    seen.append(v)
        return seen


def chain_test(n):
    planner = Planner()
    vs = [Variable("v%d" % i) for i in range(n)]
    for i in range(n - 1):
        EqualityConstraint(vs[i], vs[i + 1], REQUIRED, planner)
    StayConstraint(vs[-1], STRONG_DEFAULT, planner)
    edit = EditConstraint(vs[0], PREFERRED, planner)
    total = 0
    for k in range(20):
        vs[0].value = k
        total += planner.plan()
        for c in planner.constraints:
            if c.satisfied and isinstance(c, EqualityConstraint):
                c.execute()
        total += vs[-1].value
    return total + (1 if edit.satisfied else 0)


def projection_test(n):
    planner = Planner()
    scale = Variable("scale", 10)
    offset = Variable("offset", 1000)
    StayConstraint(scale, REQUIRED, planner)
    StayConstraint(offset, REQUIRED, planner)
    dests = []
    for i in range(n):
        src = Variable("src%d" % i, i)
        dst = Variable("dst%d" % i, i)
        dests.append(dst)
        StayConstraint(src, NORMAL, planner)
        ScaleConstraint(src, scale, offset, dst, REQUIRED, planner)
    total = 0
    for k in range(10):
        scale.value = k + 1
        total += planner.plan()
        for c in planner.constraints:
            if isinstance(c, ScaleConstraint):
                c.execute()
        total += sum(d.value for d in dests)
    return total


def bench(n):
    return chain_test(n) + projection_test(n)


SIZES = {"quick": 300, "full": 1000}
