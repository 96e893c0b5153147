"""A discrete-event scheduler simulation in the style of Richards: task control blocks with
states, packets passed between device, handler, worker and idle tasks, a run queue walked by
priority; classes with instance dicts, subclass overrides, attribute-heavy control flow."""

IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = range(6)
K_DEVICE, K_WORK = 0, 1
BUFSIZE = 4


class Packet:
    def __init__(self, link, ident, kind):
        self.link = link
        self.ident = ident
        self.kind = kind
        self.datum = 0
        self.data = [0] * BUFSIZE

    def append_to(self, lst):
        self.link = None
        if lst is None:
            return self
        p = lst
        while p.link is not None:
            p = p.link
        p.link = self
        return lst


class TaskState:
    def __init__(self):
        self.packet_pending = True
        self.task_waiting = False
        self.task_holding = False

    def packet_pending_state(self):
        self.packet_pending = True
        self.task_waiting = False
        self.task_holding = False
        return self

    def waiting(self):
        self.packet_pending = False
        self.task_waiting = True
        self.task_holding = False
        return self

    def running(self):
        self.packet_pending = False
        self.task_waiting = False
        self.task_holding = False
        return self

    def waiting_with_packet(self):
        self.packet_pending = True
        self.task_waiting = True
        self.task_holding = False
        return self

    def is_held_or_suspended(self):
        return self.task_holding or (not self.packet_pending and self.task_waiting)

    def is_waiting_with_packet(self):
        return self.packet_pending and self.task_waiting and not self.task_holding


class Task(TaskState):
    def __init__(self, sched, ident, priority, queue, state):
        TaskState.__init__(self)
        self.sched = sched
        self.ident = ident
        self.priority = priority
        self.input = queue
        self.link = sched.list
        sched.list = self
        sched.table[ident] = self
        self.packet_pending = state.packet_pending
        self.task_waiting = state.task_waiting
        self.task_holding = state.task_holding

    def add_packet(self, p, old):
        if self.input is None:
            self.input = p
            self.packet_pending = True
            if self.priority > old.priority:
                return self
        else:
            p.append_to(self.input)
        return old

    def run_task(self):
        if self.is_waiting_with_packet():
            msg = self.input
            self.input = msg.link
            if self.input is None:
                self.running()
            else:
                self.packet_pending_state()
        else:
            msg = None
        return self.fn(msg)

    def wait_task(self):
        self.task_waiting = True
        return self

    def hold(self):
        self.sched.hold_count += 1
        self.task_holding = True
        return self.link

    def release(self, ident):
        t = self.sched.table[ident]
        t.task_holding = False
        return t if t.priority > self.priority else self

    def qpkt(self, pkt):
        t = self.sched.table[pkt.ident]
        self.sched.qpkt_count += 1
        pkt.link = None
        pkt.ident = self.ident
        return t.add_packet(pkt, self)


class DeviceTask(Task):
    def __init__(self, sched, ident, priority, queue, state):
        Task.__init__(self, sched, ident, priority, queue, state)
        self.pending = None

    def fn(self, pkt):
        if pkt is None:
            pkt = self.pending
            if pkt is None:
                return self.wait_task()
            self.pending = None
            return self.qpkt(pkt)
        self.pending = pkt
        return self.hold()


class HandlerTask(Task):
    def __init__(self, sched, ident, priority, queue, state):
        Task.__init__(self, sched, ident, priority, queue, state)
        self.work_in = None
        self.device_in = None

    def fn(self, pkt):
        if pkt is not None:
            if pkt.kind == K_WORK:
                self.work_in = pkt.append_to(self.work_in)
            else:
                self.device_in = pkt.append_to(self.device_in)
        if self.work_in is not None:
            work = self.work_in
            count = work.datum
            if count < BUFSIZE:
                if self.device_in is not None:
                    dev = self.device_in
                    self.device_in = dev.link
                    dev.datum = work.data[count]
                    work.datum = count + 1
                    return self.qpkt(dev)
            else:
                self.work_in = work.link
                return self.qpkt(work)
        return self.wait_task()


class IdleTask(Task):
    def __init__(self, sched, ident, priority, queue, state, count):
        Task.__init__(self, sched, ident, priority, queue, state)
        self.control = 1
        self.count = count

    def fn(self, pkt):
        self.count -= 1
        if self.count == 0:
            return self.hold()
        if self.control & 1 == 0:
            self.control //= 2
            return self.release(DEVICE_A)
        self.control = (self.control // 2) ^ 0xD008
        return self.release(DEVICE_B)


class WorkerTask(Task):
    def __init__(self, sched, ident, priority, queue, state):
        Task.__init__(self, sched, ident, priority, queue, state)
        self.dest = HANDLER_A
        self.count = 0

    def fn(self, pkt):
        if pkt is None:
            return self.wait_task()
        self.dest = HANDLER_B if self.dest == HANDLER_A else HANDLER_A
        pkt.ident = self.dest
        pkt.datum = 0
        for i in range(BUFSIZE):
            self.count += 1
            if self.count > 26:
                self.count = 1
            pkt.data[i] = 64 + self.count
        return self.qpkt(pkt)


class Scheduler:
    def __init__(self):
        self.list = None
        self.table = [None] * 6
        self.hold_count = 0
        self.qpkt_count = 0

    def schedule(self):
        t = self.list
        while t is not None:
            if t.is_held_or_suspended():
                t = t.link
            else:
                t = t.run_task()


def run(count):
    s = Scheduler()
    IdleTask(s, IDLE, 1, None, TaskState().running(), count)
    wkq = Packet(None, 0, K_WORK)
    wkq = Packet(wkq, 0, K_WORK)
    WorkerTask(s, WORKER, 1000, wkq, TaskState().waiting_with_packet())
    wkq = Packet(None, DEVICE_A, K_DEVICE)
    wkq = Packet(wkq, DEVICE_A, K_DEVICE)
    wkq = Packet(wkq, DEVICE_A, K_DEVICE)
    HandlerTask(s, HANDLER_A, 2000, wkq, TaskState().waiting_with_packet())
    wkq = Packet(None, DEVICE_B, K_DEVICE)
    wkq = Packet(wkq, DEVICE_B, K_DEVICE)
    wkq = Packet(wkq, DEVICE_B, K_DEVICE)
    HandlerTask(s, HANDLER_B, 3000, wkq, TaskState().waiting_with_packet())
    DeviceTask(s, DEVICE_A, 4000, None, TaskState().waiting())
    DeviceTask(s, DEVICE_B, 5000, None, TaskState().waiting())
    s.schedule()
    return s.hold_count * 100000 + s.qpkt_count


def bench(n):
    return sum(run(10000 + i) for i in range(n))


SIZES = {"quick": 2, "full": 8}
