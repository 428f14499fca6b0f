request = function()
  local body = string.format('{"items":[{"productId":"%s","quantity":1}]}', next_of("productIds"))
  return wrk.format("POST", "/api/v1/orders", bearer(next_of("tokens"), json), body)
end
