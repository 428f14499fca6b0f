-- Places an order, then pays it as its customer. wrk asks for requests per thread, not per connection: a placed
-- order waits in a queue until the thread's next request pays it, so half of the requests place orders and half
-- pay them.
local placed = {}

request = function()
  local order = table.remove(placed, 1)
  if order then
    return wrk.format("POST", "/api/v1/orders/" .. order.id .. "/payments",
      bearer(data.tokenOf[order.customerId], { ["Content-Type"] = "application/json", ["Idempotency-Key"] = "bench-" .. order.id }),
      '{"paymentMethod":"pm_card_visa"}')
  end
  local body = string.format('{"items":[{"productId":"%s","quantity":1}]}', next_of("productIds"))
  return wrk.format("POST", "/api/v1/orders", bearer(next_of("tokens"), json), body)
end

-- An order's reply begins with its id and its customer's; a payment's with its id and the order's.
response = function(status, headers, body)
  if status ~= 201 then return end
  local id, customerId = body:match('^{"id":"([%w-]+)","customerId":"([%w-]+)"')
  if id then table.insert(placed, { id = id, customerId = customerId }) end
end
