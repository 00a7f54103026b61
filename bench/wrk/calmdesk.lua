-- wrk script for bench/api_throughput.py: set CALMDESK_PHASE=create|list and CALMDESK_TOKEN.
-- Each thread numbers its requests; customers come from a pool of 500 addresses.
local phase = os.getenv("CALMDESK_PHASE") or "create"
local token = os.getenv("CALMDESK_TOKEN") or ""
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads)
  table.insert(threads, thread)
end

function request()
  counter = counter + 1
  local headers = { ["Authorization"] = "Bearer " .. token }
  if phase == "list" then
    return wrk.format("GET", "/api/v1/tickets?limit=50&status=new", headers)
  end
  local n = thread_id * 10000000 + counter
  headers["Content-Type"] = "application/json"
  local body = string.format(
    '{"subject": "Order %d has not arrived", "channel": "api", "priority": "normal",' ..
    ' "customer": {"name": "Customer %d", "email": "customer%d@example.com"},' ..
    ' "message": {"body": "I ordered a week ago and the tracking page has not moved since Monday."}}',
    n, n % 500, n % 500)
  return wrk.format("POST", "/api/v1/tickets", headers, body)
end

function done(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    'WRK_RESULT {"requests": %d, "seconds": %.3f, "errors": %d, "p50": %.3f, "p95": %.3f, "p99": %.3f}\n',
    summary.requests, summary.duration / 1e6, errors,
    latency:percentile(50) / 1e3, latency:percentile(95) / 1e3, latency:percentile(99) / 1e3))
end
