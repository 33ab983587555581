-- wrk script: the same image request every time. MODEL sets the model; with
-- PORTKEY_UPSTREAM set, the headers Portkey's gateway needs to reach that OpenAI base URL.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer sk-bench"
local upstream = os.getenv("PORTKEY_UPSTREAM")
if upstream then
  wrk.headers["x-portkey-provider"] = "openai"
  wrk.headers["x-portkey-custom-host"] = upstream
end
wrk.body = '{"model":"' .. (os.getenv("MODEL") or "openai/gpt-image-1") ..
  '","prompt":"a lighthouse","response_format":"b64_json","output_format":"png"}'
