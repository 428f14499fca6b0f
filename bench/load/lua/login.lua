request = function()
  local body = string.format('{"email":"%s","password":"%s"}', next_of("customerEmails"), data.customerPassword)
  return wrk.format("POST", "/api/v1/auth/login", json, body)
end
