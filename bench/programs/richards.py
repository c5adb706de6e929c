# richards.py: a Richards-style task scheduler. Tasks are lists [ident, priority, kind, stack, counter,
# checksum]; packets are tuples (kind, a, b). The scheduler runs the highest-priority task with a packet
# waiting and dispatches on its kind with if/elif, so it measures calls, list and tuple access, append/pop
# and global updates. Argument: ticks of the idle task (default 630000).
import sys

TASK_IDLE = 0
TASK_WORKER = 1
TASK_HANDLER = 2
TASK_DEVICE = 3

PACKET_IDLE = 0
PACKET_TICK = 1
PACKET_WORK = 2
PACKET_DEVICE = 3
PACKET_DONE = 4

# tasks[] index of each task; the list is in priority order, highest first.
DEVICE_A = 0
DEVICE_B = 1
HANDLER_A = 2
HANDLER_B = 3
WORKER = 4
IDLE = 5

seed = 42


def new_task(ident, priority, kind):
    return [ident, priority, kind, [], 0, 0]


def run_idle(task, packet, tasks):
    global seed
    task[4] = task[4] - 1
    if task[4] > 0:
        task[3].append(packet)
    seed = (seed * 16807) % 2147483647
    tasks[WORKER][3].append((PACKET_TICK, seed % 1000, task[4]))


def run_worker(task, packet, tasks):
    if packet[0] == PACKET_TICK:
        v = packet[1]
        task[4] = task[4] + 1
        data = (v, v + task[4] % 10, v * 3 % 101, packet[2] % 97)
        dest = HANDLER_A + v % 2
        tasks[dest][3].append((PACKET_WORK, dest, data))
    else:
        task[5] = (task[5] * 7 + packet[1]) % 1000003


def run_handler(task, packet, tasks):
    data = packet[2]
    device = packet[1] - HANDLER_A
    i = 0
    for d in data:
        tasks[device][3].append((PACKET_DEVICE, d * 3 + task[0], i))
        i = i + 1
    task[4] = task[4] + len(data)


def run_device(task, packet, tasks):
    x = packet[1]
    task[5] = (task[5] * 33 + x + packet[2]) % 1000003
    task[4] = task[4] + 1
    if x % 5 == 0:
        tasks[WORKER][3].append((PACKET_DONE, x % 256, task[0]))


def schedule(tasks):
    steps = 0
    while 1:
        found = 0
        for task in tasks:
            if len(task[3]) > 0:
                found = 1
                break
        if found == 0:
            return steps
        packet = task[3].pop()
        steps = steps + 1
        kind = task[2]
        if kind == TASK_DEVICE:
            run_device(task, packet, tasks)
        elif kind == TASK_HANDLER:
            run_handler(task, packet, tasks)
        elif kind == TASK_WORKER:
            run_worker(task, packet, tasks)
        else:
            run_idle(task, packet, tasks)


def main():
    ticks = 630000
    if len(sys.argv) > 1:
        ticks = int(sys.argv[1])
    tasks = []
    tasks.append(new_task(10, 6, TASK_DEVICE))
    tasks.append(new_task(11, 5, TASK_DEVICE))
    tasks.append(new_task(20, 4, TASK_HANDLER))
    tasks.append(new_task(21, 3, TASK_HANDLER))
    tasks.append(new_task(30, 2, TASK_WORKER))
    tasks.append(new_task(40, 1, TASK_IDLE))
    tasks[IDLE][4] = ticks
    tasks[IDLE][3].append((PACKET_IDLE, 0, 0))
    steps = schedule(tasks)
    checksum = 0
    for task in tasks:
        checksum = (checksum * 131 + task[4] * 7 + task[5]) % 1000000007
    print("steps: %d checksum: %d seed: %d" % (steps, checksum, seed))


main()
