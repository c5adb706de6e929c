-- richards.lua: twin of bench/programs/richards.py. Task records and packets are tables (Lua has no
-- tuples); record fields 1..6 are Python's 0..5. Packet values (including the handler number in a work
-- packet) are the Python ones, so tasks[] is indexed with "+ 1".
local TASK_IDLE, TASK_WORKER, TASK_HANDLER, TASK_DEVICE = 0, 1, 2, 3
local PACKET_IDLE, PACKET_TICK, PACKET_WORK, PACKET_DEVICE, PACKET_DONE = 0, 1, 2, 3, 4
-- Python's tasks[] indexes; the list is in priority order, highest first.
local DEVICE_A, DEVICE_B, HANDLER_A, HANDLER_B, WORKER, IDLE = 0, 1, 2, 3, 4, 5

local seed = 42

local function new_task(ident, priority, kind)
  return {ident, priority, kind, {}, 0, 0}
end

local function push(stack, packet)
  stack[#stack + 1] = packet
end

local function run_idle(task, packet, tasks)
  task[5] = task[5] - 1
  if task[5] > 0 then
    push(task[4], packet)
  end
  seed = (seed * 16807) % 2147483647
  push(tasks[WORKER + 1][4], {PACKET_TICK, seed % 1000, task[5]})
end

local function run_worker(task, packet, tasks)
  if packet[1] == PACKET_TICK then
    local v = packet[2]
    task[5] = task[5] + 1
    local data = {v, v + task[5] % 10, v * 3 % 101, packet[3] % 97}
    local dest = HANDLER_A + v % 2
    push(tasks[dest + 1][4], {PACKET_WORK, dest, data})
  else
    task[6] = (task[6] * 7 + packet[2]) % 1000003
  end
end

local function run_handler(task, packet, tasks)
  local data = packet[3]
  local device = packet[2] - HANDLER_A
  for i = 1, #data do
    push(tasks[device + 1][4], {PACKET_DEVICE, data[i] * 3 + task[1], i - 1})
  end
  task[5] = task[5] + #data
end

local function run_device(task, packet, tasks)
  local x = packet[2]
  task[6] = (task[6] * 33 + x + packet[3]) % 1000003
  task[5] = task[5] + 1
  if x % 5 == 0 then
    push(tasks[WORKER + 1][4], {PACKET_DONE, x % 256, task[1]})
  end
end

local function schedule(tasks)
  local steps = 0
  while true do
    local task = nil
    for i = 1, #tasks do
      if #tasks[i][4] > 0 then
        task = tasks[i]
        break
      end
    end
    if task == nil then
      return steps
    end
    local stack = task[4]
    local packet = stack[#stack]
    stack[#stack] = nil
    steps = steps + 1
    local kind = task[3]
    if kind == TASK_DEVICE then
      run_device(task, packet, tasks)
    elseif kind == TASK_HANDLER then
      run_handler(task, packet, tasks)
    elseif kind == TASK_WORKER then
      run_worker(task, packet, tasks)
    else
      run_idle(task, packet, tasks)
    end
  end
end

local ticks = arg[1] and tonumber(arg[1]) or 630000
local tasks = {
  new_task(10, 6, TASK_DEVICE), new_task(11, 5, TASK_DEVICE), new_task(20, 4, TASK_HANDLER),
  new_task(21, 3, TASK_HANDLER), new_task(30, 2, TASK_WORKER), new_task(40, 1, TASK_IDLE),
}
tasks[IDLE + 1][5] = ticks
push(tasks[IDLE + 1][4], {PACKET_IDLE, 0, 0})
local steps = schedule(tasks)
local checksum = 0
for i = 1, #tasks do
  checksum = (checksum * 131 + tasks[i][5] * 7 + tasks[i][6]) % 1000000007
end
print(string.format("steps: %d checksum: %d seed: %d", steps, checksum, seed))
