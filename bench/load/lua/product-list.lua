request = function()
  return wrk.format("GET", "/api/v1/products?limit=20")
end
