"""Calls Easel through the official OpenAI Python SDK and saves the image.

NOT RUN in this project's CI: no Python OpenAI SDK installs on its machines (no PyPI).
Usage:  pip install openai && EASEL_URL=http://127.0.0.1:8080/v1 python samples/python/generate.py

EASEL_URL is the API base including /v1. Easel-only request fields (provider_options,
seed, negative_prompt, size_mode, ...) are not in the SDK's signature: pass them with
extra_body, which the SDK merges into the JSON body. Easel's answer extras (metadata,
size, output_format) are kept on the response object and read with model_extra.
"""
import base64
import os

from openai import OpenAI

client = OpenAI(
    base_url=os.environ.get("EASEL_URL", "http://127.0.0.1:8080/v1"),
    # The SDK insists on a key; Easel ignores it unless EASEL_API_KEYS is set.
    api_key=os.environ.get("EASEL_API_KEY", "not-needed"),
    # A generation is paid for; storage_failed says x-should-retry: false, which the SDK honours.
    max_retries=2,
)

result = client.images.generate(
    model=os.environ.get("EASEL_MODEL", "test-pattern"),
    prompt="a red fox in the snow",
    size="640x480",
    response_format="b64_json",
    extra_body={"output_format": "webp", "seed": 42, "size_mode": "exact"},
)

with open("fox.webp", "wb") as f:
    f.write(base64.b64decode(result.data[0].b64_json))
extra = result.model_extra or {}
print("saved fox.webp:", extra.get("size"), "from", (extra.get("metadata") or {}).get("provider"))
client.close()
