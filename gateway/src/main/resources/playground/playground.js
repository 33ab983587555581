// Easel playground: plain JavaScript against the gateway's own public API (README "Playground").
// Everything it does, an OpenAI SDK can do too; the page only shows what Easel answers.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const KEY_STORAGE = 'easel.key';
  const GALLERY_MAX = 48;
  const MAX_EDIT_IMAGES = 16;
  const COMMON_RATIOS = ['21:9', '16:9', '3:2', '4:3', '5:4', '1:1', '4:5', '3:4', '2:3', '9:16', '9:21'];

  const state = {
    key: sessionStorage.getItem(KEY_STORAGE) || '',
    keyRequired: false,
    models: [],
    model: null,          // GET /v1/models/{id}
    editFiles: [],        // File objects, the first one carries the mask
    maskPainted: false,
    controller: null,
    gallery: [],
    galleryBucket: null,  // null: keep the gallery in memory only
    lastRun: null,
  };

  // ---------------------------------------------------------------- API

  function authHeaders(extra) {
    const h = Object.assign({}, extra || {});
    if (state.key) {
      h.Authorization = 'Bearer ' + state.key;
    }
    return h;
  }

  async function api(path, options) {
    const o = Object.assign({}, options || {});
    o.headers = authHeaders(o.headers);
    return fetch(path, o);
  }

  async function errorOf(res) {
    try {
      const body = await res.json();
      if (body && body.error) {
        return body.error;
      }
    } catch (e) {
      // not JSON: fall through
    }
    return { message: 'HTTP ' + res.status, code: null, param: null };
  }

  // ---------------------------------------------------------------- key

  function openKeyDialog(message) {
    state.keyRequired = true;
    $('key-button').hidden = false;
    const err = $('key-error');
    err.hidden = !message;
    err.textContent = message || '';
    $('key-input').value = '';
    const dialog = $('key-dialog');
    if (!dialog.open) {
      dialog.showModal();
    }
    $('key-input').focus();
  }

  $('key-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const value = $('key-input').value.trim();
    if (!value) {
      $('key-error').hidden = false;
      $('key-error').textContent = 'Enter a key.';
      return;
    }
    state.key = value;
    sessionStorage.setItem(KEY_STORAGE, value);
    $('key-dialog').close();
    await loadGallery();
    await loadModels();
  });

  $('key-forget').addEventListener('click', async () => {
    state.key = '';
    sessionStorage.removeItem(KEY_STORAGE);
    $('key-input').value = '';
    $('key-dialog').close();
    await loadGallery();
    await loadModels();
  });

  $('key-button').addEventListener('click', () => openKeyDialog(''));

  // ---------------------------------------------------------------- models

  async function loadModels() {
    setStatus('Loading models…');
    let res;
    try {
      res = await api('/v1/models');
    } catch (e) {
      setStatus('The gateway did not answer: ' + e.message);
      return;
    }
    if (res.status === 401) {
      const err = await errorOf(res);
      setStatus('This gateway needs an API key.');
      openKeyDialog(state.key ? 'That key was refused: ' + err.message : '');
      return;
    }
    if (!res.ok) {
      showError(await errorOf(res), res.status);
      return;
    }
    $('key-button').hidden = !state.key && !state.keyRequired;
    const list = (await res.json()).data || [];
    state.models = list.filter((m) => m.owned_by === 'easel');
    const select = $('model');
    const previous = select.value;
    select.textContent = '';
    const ready = el('optgroup', { label: 'Ready' });
    const needsKey = el('optgroup', { label: 'Needs a provider key' });
    for (const m of state.models) {
      const option = el('option', { value: m.id }, m.configured ? m.id : m.id + ' (not configured)');
      (m.configured ? ready : needsKey).append(option);
    }
    if (ready.children.length) select.append(ready);
    if (needsKey.children.length) select.append(needsKey);
    const firstReady = state.models.find((m) => m.configured);
    if (previous && state.models.some((m) => m.id === previous)) {
      select.value = previous;
    } else if (firstReady) {
      select.value = firstReady.id;
    }
    setStatus(state.models.length + ' models, ' + state.models.filter((m) => m.configured).length + ' ready.');
    await loadModel(select.value);
  }

  async function loadModel(id) {
    if (!id) return;
    const res = await api('/v1/models/' + encodeURIComponent(id).replace(/%2F/gi, '/'));
    if (res.status === 401) {
      openKeyDialog('');
      return;
    }
    if (!res.ok) {
      showError(await errorOf(res), res.status);
      return;
    }
    state.model = await res.json();
    const provider = $('provider');
    provider.textContent = '';
    provider.append(el('option', { value: '' }, 'Any (failover between routes)'));
    for (const r of state.model.routes) {
      const label = r.slug + (r.configured ? '' : ' (not configured' + (r.not_configured_reason ? ': ' + r.not_configured_reason : '') + ')');
      provider.append(el('option', { value: r.slug }, label));
    }
    applyCapabilities(true);
  }

  function activeRoutes() {
    const routes = state.model ? state.model.routes : [];
    const pinned = $('provider').value;
    if (pinned) {
      return routes.filter((r) => r.slug === pinned);
    }
    const configured = routes.filter((r) => r.configured);
    return configured.length ? configured : routes;
  }

  function editInfo(route) {
    if (route.edit !== undefined) return route.edit;
    if (route.capabilities && route.capabilities.edit !== undefined) return route.capabilities.edit;
    return undefined;
  }

  // Capabilities decide which controls apply, their defaults and their hints.
  function applyCapabilities(modelChanged) {
    const routes = activeRoutes();
    const styles = routes.map((r) => r.capabilities.size);
    const pixelStyles = styles.filter((s) => ['any', 'fixed', 'presets', 'dimensions'].includes(s.style));
    const ratioStyles = styles.filter((s) => ['ratios', 'free_ratio'].includes(s.style));

    // Size suggestions and hints.
    const sizes = new Set();
    const hints = [];
    for (const r of routes) {
      const s = r.capabilities.size;
      const who = r.slug + ': ';
      if (s.style === 'any') {
        sizes.add(s.default_size);
        ['512x512', '1024x1024', '1536x1024', '1024x1536', '1920x1080'].forEach((x) => sizes.add(x));
        hints.push(who + 'any size, ' + s.min + '–' + s.max + ' px a side');
      } else if (s.style === 'fixed') {
        s.sizes.forEach((x) => sizes.add(x));
        hints.push(who + s.sizes.join(', ') + (s.auto ? ' or auto' : ''));
      } else if (s.style === 'presets') {
        Object.values(s.presets).forEach((x) => sizes.add(x));
        hints.push(who + 'presets ' + Object.keys(s.presets).join(', ') + (s.custom ? '; custom ' + s.custom.min + '–' + s.custom.max + ' px, multiple of ' + s.custom.multiple_of : ''));
      } else if (s.style === 'dimensions') {
        sizes.add(s.default_size);
        hints.push(who + s.min + '–' + s.max + ' px, multiple of ' + s.multiple_of);
      } else if (s.style === 'ratios') {
        Object.values(s.pixels || {}).forEach((x) => sizes.add(x));
        const tiers = Object.keys(s.tiers || {});
        hints.push(who + 'ratios ' + s.ratios.join(', ') + (tiers.length ? '; tiers ' + tiers.join(', ') : s.megapixels ? '; about ' + s.megapixels + ' MP' : ''));
      } else if (s.style === 'free_ratio') {
        hints.push(who + 'any ratio ' + s.min_ratio + ' to ' + s.max_ratio + ', about ' + s.megapixels + ' MP');
      }
    }
    const list = $('size-list');
    list.textContent = '';
    for (const x of sizes) list.append(el('option', { value: x }));
    $('size-hint').textContent = hints.join(' · ') + (routes.length ? '. Easel snaps any request to the nearest size a provider accepts.' : '');

    const ratios = new Set();
    for (const s of ratioStyles) {
      if (s.style === 'ratios') s.ratios.forEach((x) => ratios.add(x));
      else COMMON_RATIOS.filter((x) => ratioWithin(x, s.min_ratio, s.max_ratio)).forEach((x) => ratios.add(x));
    }
    if (!ratios.size) COMMON_RATIOS.forEach((x) => ratios.add(x));
    const ratio = $('ratio');
    const keepRatio = ratio.value;
    ratio.textContent = '';
    ratio.append(el('option', { value: '' }, 'auto'));
    for (const x of ratios) ratio.append(el('option', { value: x }, x));
    const tiered = ratioStyles.some((s) => s.tiers && Object.keys(s.tiers).length);
    $('tier').disabled = !tiered;
    $('tier-hint').textContent = tiered ? '' : 'This model has one output area per ratio: the tier does not apply.';

    const first = styles[0];
    if (modelChanged) {
      const defaultPixels = first && (first.default_size || (first.custom && first.custom.default_size)
          || (first.presets && first.presets[first.default_preset]));
      $('size').value = defaultPixels || '';
      ratio.value = first && first.default_ratio && ratios.has(first.default_ratio) ? first.default_ratio : '';
      const by = mode() === 'edit' ? 'auto' : (pixelStyles.length && first && pixelStyles.includes(first)) ? 'pixels'
          : ratioStyles.length ? 'ratio' : 'auto';
      document.querySelector('input[name=size-by][value=' + by + ']').checked = true;
    } else if (keepRatio && ratios.has(keepRatio)) {
      ratio.value = keepRatio;
    }
    showSizeFields();

    // Formats: all three are always delivered; say which are the providers' own.
    const native = new Set(routes.flatMap((r) => r.capabilities.output_formats));
    const format = $('format');
    const keepFormat = format.value || 'png';
    format.textContent = '';
    for (const f of ['png', 'jpeg', 'webp']) {
      format.append(el('option', { value: f }, f + (native.has(f) ? '' : ' (converted)')));
    }
    format.value = keepFormat;
    updateCompression();

    const perCall = routes.length ? Math.min(...routes.map((r) => r.capabilities.max_images_per_call)) : 1;
    $('n-hint').textContent = 'Up to 10; ' + (perCall >= 10 ? 'one provider call makes them all.'
        : 'providers make ' + perCall + ' per call, so Easel splits more into parallel calls.');

    const seedable = routes.some((r) => (r.capabilities.parameters || []).includes('seed'));
    $('seed').disabled = !seedable;
    $('seed-hint').textContent = seedable ? '' : 'No route of this model takes a seed.';

    const infoParts = [];
    if (state.model && state.model.description) infoParts.push(state.model.description.replace(/\.$/, ''));
    const configured = routes.filter((r) => r.configured).length;
    infoParts.push(routes.length + ' route' + (routes.length === 1 ? '' : 's') + ', ' + configured + ' configured'
        + (routes.length && routes[0].price_per_image != null ? '; $' + routes[0].price_per_image + ' an image' : ''));
    const params = [...new Set(routes.flatMap((r) => r.capabilities.parameters || []))];
    if (params.length) infoParts.push('parameters: ' + params.join(', '));
    $('model-info').textContent = infoParts.join('. ') + '.';

    applyEditSupport(routes);
  }

  function applyEditSupport(routes) {
    const infos = routes.map(editInfo);
    const known = infos.some((i) => i !== undefined);
    const editing = infos.filter((i) => i);
    const editable = !known || editing.length > 0;
    const hint = $('edit-support');
    if (!known) {
      hint.textContent = 'The gateway decides whether this model edits; it answers with the models that do if not.';
    } else if (!editing.length) {
      hint.textContent = 'This model does not edit images: choose a model that does (for example gpt-image-1 or flux-kontext-pro).';
    } else {
      const maxInputs = Math.max(...editing.map((i) => i.max_input_images || 1));
      const masks = [...new Set(editing.map((i) => i.mask || 'none'))];
      hint.textContent = 'Up to ' + maxInputs + ' input image' + (maxInputs === 1 ? '' : 's')
          + '; mask: ' + masks.join(' or ') + ' (Easel converts your drawing).';
    }
    state.editable = editable;
    state.maskUsable = !known || editing.some((i) => i.mask && i.mask !== 'none');
    refreshEditor();
    updateRunButton();
  }

  function ratioWithin(r, min, max) {
    const v = ratioValue(r);
    return (!min || v >= ratioValue(min) - 1e-9) && (!max || v <= ratioValue(max) + 1e-9);
  }

  function ratioValue(r) {
    const [w, h] = r.split(':').map(Number);
    return w / h;
  }

  function sizeBy() {
    return document.querySelector('input[name=size-by]:checked').value;
  }

  function mode() {
    return document.querySelector('input[name=mode]:checked').value;
  }

  function showSizeFields() {
    const by = sizeBy();
    $('pixels-field').hidden = by !== 'pixels';
    $('ratio-field').hidden = by !== 'ratio';
  }

  function updateCompression() {
    const lossy = $('format').value !== 'png';
    $('compression').disabled = !lossy;
    $('compression-value').textContent = lossy ? $('compression').value : 'n/a';
  }

  function updateRunButton() {
    const edit = mode() === 'edit';
    $('run').textContent = edit ? 'Edit' : 'Generate';
    $('run').disabled = !!state.controller || (edit && (!state.editable || !state.editFiles.length));
    $('plan').disabled = !!state.controller || edit;
    $('partials-field').hidden = !$('stream').checked;
  }

  // ---------------------------------------------------------------- request

  function commonFields() {
    const f = {};
    f.prompt = $('prompt').value;
    f.model = $('provider').value || $('model').value;
    f.n = Number($('n').value || 1);
    const by = sizeBy();
    if (by === 'pixels' && $('size').value.trim()) {
      f.size = $('size').value.trim().toLowerCase().replace('×', 'x');
      if ($('exact').checked) f.size_mode = 'exact';
    } else if (by === 'ratio') {
      if ($('ratio').value) f.aspect_ratio = $('ratio').value;
      if ($('tier').value && !$('tier').disabled) f.resolution = $('tier').value;
    } else if (by === 'auto') {
      f.size = 'auto';
    }
    f.output_format = $('format').value;
    if (!$('compression').disabled) f.output_compression = Number($('compression').value);
    if (!$('seed').disabled && $('seed').value !== '') f.seed = Number($('seed').value);
    return f;
  }

  function validate() {
    if (!$('prompt').value.trim()) {
      return { message: 'Write a prompt.', param: 'prompt' };
    }
    if (sizeBy() === 'pixels' && $('size').value.trim() && !/^\d{2,4}\s*[x×]\s*\d{2,4}$/i.test($('size').value.trim())) {
      return { message: 'Size must be WIDTHxHEIGHT, for example 1024x768.', param: 'size' };
    }
    const n = Number($('n').value);
    if (!Number.isInteger(n) || n < 1 || n > 10) {
      return { message: 'n must be a whole number from 1 to 10.', param: 'n' };
    }
    return null;
  }

  const PARAM_FIELDS = { prompt: 'prompt', model: 'model', size: 'size', aspect_ratio: 'ratio', resolution: 'tier',
    output_format: 'format', output_compression: 'compression', n: 'n', seed: 'seed', image: 'images', mask: 'mask-canvas' };

  $('form').addEventListener('submit', (e) => {
    e.preventDefault();
    run(false);
  });
  $('plan').addEventListener('click', () => run(true));
  $('cancel').addEventListener('click', () => {
    if (state.controller) state.controller.abort();
  });

  async function run(dryRun) {
    const invalid = validate();
    if (invalid) {
      showError(invalid, 400);
      return;
    }
    const edit = mode() === 'edit' && !dryRun;
    const fields = commonFields();
    const stream = $('stream').checked && !dryRun;
    clearResults();
    state.controller = new AbortController();
    $('cancel').hidden = false;
    updateRunButton();
    const started = performance.now();
    setStatus(dryRun ? 'Planning…' : edit ? 'Editing…' : 'Generating…');
    try {
      let res = await send(edit, fields, stream, dryRun);
      if (!res.ok && res.status === 400 && stream) {
        const err = await errorOf(res);
        if (err.param === 'stream') {
          // An older gateway: say so, and ask again without streaming.
          $('stream').checked = false;
          updateRunButton();
          res = await send(edit, fields, false, dryRun);
          setStatus('This gateway does not stream; asked again without streaming.');
        } else {
          return failed(err, res.status);
        }
      }
      if (!res.ok) {
        return failed(await errorOf(res), res.status);
      }
      const runInfo = { prompt: fields.prompt, mode: edit ? 'edit' : 'generate', started,
        requestId: res.headers.get('x-request-id'), attemptsHeader: res.headers.get('x-easel-attempts') };
      state.lastRun = runInfo;
      if (dryRun) {
        renderPlan(await res.json(), runInfo);
      } else if ((res.headers.get('content-type') || '').startsWith('text/event-stream')) {
        await readStream(res, runInfo);
      } else {
        renderResult(await res.json(), runInfo);
      }
    } catch (e) {
      if (e.name === 'AbortError') {
        setStatus('Cancelled.');
      } else {
        showError({ message: 'The request failed: ' + e.message }, 0);
      }
    } finally {
      state.controller = null;
      $('cancel').hidden = true;
      updateRunButton();
    }
  }

  async function send(edit, fields, stream, dryRun) {
    const signal = state.controller.signal;
    if (!edit) {
      const body = Object.assign({}, fields);
      if (stream) {
        body.stream = true;
        body.partial_images = Number($('partials').value || 0);
      }
      return api('/v1/images/generations' + (dryRun ? '?dry_run=true' : ''), {
        method: 'POST', signal, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
      });
    }
    // OpenAI's multipart shape (DESIGN "Edits"): image or image[], mask, every other field a form value.
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, String(v));
    if (stream) {
      form.append('stream', 'true');
      form.append('partial_images', String(Number($('partials').value || 0)));
    }
    const name = state.editFiles.length > 1 ? 'image[]' : 'image';
    for (const file of state.editFiles) form.append(name, file, file.name);
    if (state.maskPainted && state.maskUsable) {
      form.append('mask', await maskBlob(), 'mask.png');
    }
    return api('/v1/images/edits', { method: 'POST', signal, body: form });
  }

  function failed(err, status) {
    showError(err, status);
    if (status === 401) openKeyDialog(state.key ? 'That key was refused.' : '');
  }

  // ---------------------------------------------------------------- streaming

  // Server-sent events over fetch (EventSource cannot POST): "event:" and "data:" lines, a blank
  // line ends an event, ":" starts a comment (the gateway's keepalive).
  async function readStream(res, runInfo) {
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    const images = [];
    let report = null;
    let partials = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let cut;
      while ((cut = buffer.search(/\r?\n\r?\n/)) >= 0) {
        const raw = buffer.slice(0, cut);
        buffer = buffer.slice(cut).replace(/^\r?\n\r?\n/, '');
        const event = parseEvent(raw);
        if (!event) continue;
        const type = event.data.type || event.type;
        if (type === 'error') {
          showError(event.data.error || { message: 'The stream failed.' }, 0);
          return;
        }
        if (type.endsWith('.partial_image')) {
          partials++;
          showImage(event.data.image_index || 0, {
            src: dataUri(event.data.b64_json, event.data.output_format), partial: true,
            label: 'partial ' + ((event.data.partial_image_index || 0) + 1),
          });
          setStatus('Streaming: ' + partials + ' partial image' + (partials === 1 ? '' : 's') + ' so far…');
        } else if (type.endsWith('.completed')) {
          const index = event.data.image_index || 0;
          const image = {
            src: event.data.b64_json ? dataUri(event.data.b64_json, event.data.output_format) : safeUrl(event.data.url),
            url: safeUrl(event.data.url), format: event.data.output_format, partial: false,
          };
          images[index] = image;
          showImage(index, image, event.data.metadata);
          if (!report && event.data.metadata) {
            report = event.data;
            renderReport(event.data.metadata, event.data.usage, runInfo);
          }
          setStatus('Streaming: ' + images.filter(Boolean).length + ' image' + (images.length === 1 ? '' : 's') + ' done…');
        }
      }
    }
    const done = images.filter(Boolean).length;
    setStatus(done ? 'Done: ' + done + ' image' + (done === 1 ? '' : 's') + ' in ' + seconds(runInfo.started)
        + (partials ? ', after ' + partials + ' partial' + (partials === 1 ? '' : 's') : '') + '.'
        : 'The stream ended without an image.');
  }

  function parseEvent(raw) {
    let type = 'message';
    const data = [];
    for (const line of raw.split(/\r?\n/)) {
      if (!line || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') type = value;
      else if (field === 'data') data.push(value);
    }
    if (!data.length) return null;
    try {
      return { type, data: JSON.parse(data.join('\n')) };
    } catch (e) {
      return null;
    }
  }

  // ---------------------------------------------------------------- results

  // Links come from the gateway's answers (and the gallery from localStorage): only web addresses
  // become links or image sources, whatever a stored entry says.
  function safeUrl(u) {
    return typeof u === 'string' && /^(https?:\/\/|\/(?!\/))/i.test(u) ? u : null;
  }

  function dataUri(b64, format) {
    return 'data:image/' + (format || 'png') + ';base64,' + b64;
  }

  function renderResult(json, runInfo) {
    const format = json.output_format || 'png';
    (json.data || []).forEach((d, i) => {
      showImage(i, {
        src: d.b64_json ? dataUri(d.b64_json, format) : safeUrl(d.url), url: safeUrl(d.url), format, partial: false,
        revisedPrompt: d.revised_prompt,
      }, json.metadata);
    });
    renderReport(json.metadata || {}, json.usage, runInfo);
    const n = (json.data || []).length;
    setStatus('Done: ' + n + ' image' + (n === 1 ? '' : 's') + ' in ' + seconds(runInfo.started) + '.');
  }

  function showImage(index, image, metadata) {
    const list = $('images-out');
    let item = list.querySelector('li[data-index="' + index + '"]');
    if (!item) {
      item = el('li', { 'data-index': String(index) });
      const figure = el('figure');
      const img = el('img', { alt: 'Image ' + (index + 1) + ': ' + truncate(state.lastRun ? state.lastRun.prompt : '', 120) });
      figure.append(img, el('figcaption'));
      item.append(figure);
      const after = [...list.children].find((li) => Number(li.dataset.index) > index);
      list.insertBefore(item, after || null);
    }
    const img = item.querySelector('img');
    const caption = item.querySelector('figcaption');
    img.classList.toggle('partial', !!image.partial);
    img.dataset.state = image.partial ? 'partial' : 'final';
    if (image.partial) {
      caption.textContent = image.label;
    } else {
      caption.textContent = 'loading…';
      img.onload = () => {
        const size = img.naturalWidth + '×' + img.naturalHeight;
        img.dataset.size = img.naturalWidth + 'x' + img.naturalHeight;
        caption.textContent = '';
        caption.append(document.createTextNode(size + ' · ' + (image.format || 'png')
            + (image.revisedPrompt ? ' · revised: ' + truncate(image.revisedPrompt, 80) : '') + ' '));
        if (image.url) {
          caption.append(el('a', { href: image.url, target: '_blank', rel: 'noopener' }, 'open'));
        }
        addToGallery(img, image, metadata);
      };
      img.onerror = () => {
        caption.textContent = 'The image could not be shown' + (image.url ? ' (its link may have expired)' : '') + '.';
      };
    }
    if (!image.src) {
      caption.textContent = 'The answer carried no image Easel could show.';
      return;
    }
    img.src = image.src;
  }

  function renderReport(metadata, usage, runInfo) {
    $('report').hidden = false;
    const summary = $('summary');
    summary.textContent = '';
    const cost = metadata.cost ? metadata.cost.amount + ' ' + metadata.cost.currency : 'unknown';
    const rows = [
      ['Model', metadata.model],
      ['Provider', metadata.provider + (metadata.provider_model ? ' (' + metadata.provider_model + ')' : '')],
      ['Cost', cost],
      ['Request id', runInfo.requestId],
      ['Time', seconds(runInfo.started)],
    ];
    if (usage) rows.push(['Usage', JSON.stringify(usage)]);
    if (metadata.mask) rows.push(['Mask', 'received ' + metadata.mask.received + ', sent ' + metadata.mask.sent
        + (metadata.mask.resized ? ', resized' : '')]);
    for (const [k, v] of rows) {
      if (v === undefined || v === null) continue;
      summary.append(el('dt', {}, k), el('dd', { 'data-field': k.toLowerCase().replace(' ', '-') }, String(v)));
    }
    const norm = $('normalization').tBodies[0];
    norm.textContent = '';
    for (const [k, v] of Object.entries(metadata.normalization || {})) {
      if (v === null || v === undefined) continue;
      norm.append(el('tr', { 'data-field': k }, el('th', { scope: 'row' }, k), el('td', {}, String(v))));
    }
    const attempts = $('attempts').tBodies[0];
    attempts.textContent = '';
    (metadata.attempts || []).forEach((a, i) => {
      attempts.append(el('tr', {},
        el('td', {}, String(i + 1)), el('td', {}, a.provider || ''), el('td', {}, a.model || ''),
        el('td', { class: a.status === 'succeeded' ? 'ok' : 'bad' }, a.status || ''), el('td', {}, a.code || ''),
        el('td', {}, a.latency_ms != null ? a.latency_ms + ' ms' : '')));
    });
    renderWarnings($('warnings'), metadata.warnings);
  }

  function renderPlan(plan, runInfo) {
    $('plan-out').hidden = false;
    const summary = $('plan-summary');
    summary.textContent = '';
    const est = plan.estimated_cost ? plan.estimated_cost.amount + ' ' + plan.estimated_cost.currency : 'unknown';
    for (const [k, v] of [['Model', plan.model], ['Pinned', plan.pinned ? 'yes' : 'no'], ['n', plan.n],
      ['Estimated cost', est], ['Request id', runInfo.requestId]]) {
      summary.append(el('dt', {}, k), el('dd', {}, String(v)));
    }
    const body = $('plan-table').tBodies[0];
    body.textContent = '';
    for (const c of plan.candidates || []) {
      body.append(el('tr', { 'data-slug': c.slug },
        el('td', {}, c.slug), el('td', {}, String(c.priority)), el('td', {}, String(c.weight)),
        el('td', { class: c.available ? 'ok' : 'bad' }, c.health + (c.available ? '' : ' (skipped)')),
        el('td', {}, c.sent || ''), el('td', {}, c.expected || ''), el('td', {}, String(c.calls)),
        el('td', {}, c.estimated_cost != null ? '$' + c.estimated_cost : ''),
        el('td', {}, (c.warnings || []).map((w) => w.message).join('; '))));
    }
    renderWarnings($('plan-warnings'), plan.warnings);
    const n = (plan.candidates || []).length;
    setStatus('Plan: ' + n + ' candidate route' + (n === 1 ? '' : 's') + ', estimated ' + est + '. No provider was called.');
  }

  function renderWarnings(container, warnings) {
    container.textContent = '';
    if (!warnings || !warnings.length) return;
    container.append(el('h4', {}, 'Warnings'));
    const ul = el('ul', { class: 'warnings' });
    for (const w of warnings) ul.append(el('li', {}, (w.param ? w.param + ': ' : '') + w.message));
    container.append(ul);
  }

  function clearResults() {
    $('error').hidden = true;
    $('error').textContent = '';
    $('images-out').textContent = '';
    $('report').hidden = true;
    $('plan-out').hidden = true;
  }

  function showError(err, status) {
    const box = $('error');
    box.hidden = false;
    box.textContent = (status ? status + ' ' : '') + (err.code ? err.code + ': ' : '') + err.message
        + (err.param ? ' (field: ' + err.param + ')' : '');
    setStatus('Failed.');
    const field = err.param && $(PARAM_FIELDS[err.param] || '');
    if (field) {
      field.setAttribute('aria-invalid', 'true');
      field.addEventListener('input', () => field.removeAttribute('aria-invalid'), { once: true });
    }
  }

  function setStatus(text) {
    $('status').textContent = text;
  }

  function seconds(started) {
    return ((performance.now() - started) / 1000).toFixed(1) + ' s';
  }

  // ---------------------------------------------------------------- edits and the mask

  const drop = $('drop');
  ['dragenter', 'dragover'].forEach((t) => drop.addEventListener(t, (e) => {
    e.preventDefault();
    drop.classList.add('over');
  }));
  ['dragleave', 'drop'].forEach((t) => drop.addEventListener(t, () => drop.classList.remove('over')));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    addFiles(e.dataTransfer.files);
  });
  $('images').addEventListener('change', (e) => {
    addFiles(e.target.files);
    e.target.value = '';
  });

  function addFiles(files) {
    const wasEmpty = !state.editFiles.length;
    for (const f of files) {
      if (state.editFiles.length >= MAX_EDIT_IMAGES) break;
      if (/^image\/(png|jpeg|webp|gif)$/.test(f.type) || /\.(png|jpe?g|webp|gif)$/i.test(f.name)) {
        state.editFiles.push(f);
      }
    }
    renderThumbs();
    if (wasEmpty && state.editFiles.length) loadMaskBase();
    updateRunButton();
  }

  function renderThumbs() {
    const list = $('thumbs');
    for (const img of list.querySelectorAll('img')) URL.revokeObjectURL(img.src);
    list.textContent = '';
    state.editFiles.forEach((f, i) => {
      const remove = el('button', { type: 'button', class: 'quiet', 'aria-label': 'Remove image ' + (i + 1) + ' (' + f.name + ')' }, '×');
      remove.addEventListener('click', () => {
        state.editFiles.splice(i, 1);
        renderThumbs();
        if (i === 0) loadMaskBase();
        updateRunButton();
      });
      list.append(el('li', {}, el('img', { src: URL.createObjectURL(f), alt: (i === 0 ? 'First image: ' : 'Image ' + (i + 1) + ': ') + f.name }), remove));
    });
  }

  const canvas = $('mask-canvas');
  const paint = canvas.getContext('2d');
  let drawing = null;

  function loadMaskBase() {
    const base = $('mask-base');
    if (base.src) URL.revokeObjectURL(base.src);
    state.maskPainted = false;
    if (!state.editFiles.length) {
      base.removeAttribute('src');
      refreshEditor();
      return;
    }
    base.onload = () => {
      canvas.width = base.naturalWidth;
      canvas.height = base.naturalHeight;
      paint.clearRect(0, 0, canvas.width, canvas.height);
      updateMaskState();
      refreshEditor();
    };
    base.src = URL.createObjectURL(state.editFiles[0]);
  }

  function refreshEditor() {
    const edit = mode() === 'edit';
    $('edit-inputs').hidden = !edit;
    $('mask-editor').hidden = !(edit && state.editFiles.length && state.maskUsable !== false && canvas.width > 0);
  }

  function point(e) {
    const r = canvas.getBoundingClientRect();
    return { x: (e.clientX - r.left) * canvas.width / r.width, y: (e.clientY - r.top) * canvas.height / r.height,
      scale: canvas.width / r.width };
  }

  function stroke(from, to) {
    const erase = document.querySelector('input[name=tool]:checked').value === 'eraser';
    paint.globalCompositeOperation = erase ? 'destination-out' : 'source-over';
    paint.strokeStyle = '#ff2d55';
    paint.fillStyle = '#ff2d55';
    paint.lineCap = 'round';
    paint.lineJoin = 'round';
    paint.lineWidth = Number($('brush-size').value) * to.scale;
    paint.beginPath();
    paint.moveTo(from.x, from.y);
    paint.lineTo(to.x + 0.01, to.y);
    paint.stroke();
  }

  canvas.addEventListener('pointerdown', (e) => {
    e.preventDefault();
    canvas.setPointerCapture(e.pointerId);
    drawing = point(e);
    stroke(drawing, drawing);
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!drawing) return;
    const p = point(e);
    stroke(drawing, p);
    drawing = p;
  });
  ['pointerup', 'pointercancel'].forEach((t) => canvas.addEventListener(t, () => {
    if (!drawing) return;
    drawing = null;
    updateMaskState();
  }));

  $('mask-all').addEventListener('click', () => {
    paint.globalCompositeOperation = 'source-over';
    paint.fillStyle = '#ff2d55';
    paint.fillRect(0, 0, canvas.width, canvas.height);
    updateMaskState();
  });
  $('mask-clear').addEventListener('click', () => {
    paint.clearRect(0, 0, canvas.width, canvas.height);
    updateMaskState();
  });

  function updateMaskState() {
    let painted = false;
    if (canvas.width && canvas.height) {
      const pixels = paint.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 3; i < pixels.length; i += 4) {
        if (pixels[i]) { painted = true; break; }
      }
    }
    state.maskPainted = painted;
    canvas.dataset.painted = String(painted);
    $('mask-state').textContent = painted
      ? 'Mask drawn: the painted area is edited, the rest is kept.'
      : 'No mask: the whole image may change.';
  }

  // OpenAI's convention: a PNG the size of the first image, transparent where it may change.
  function maskBlob() {
    const out = document.createElement('canvas');
    out.width = canvas.width;
    out.height = canvas.height;
    const ctx = out.getContext('2d');
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.globalCompositeOperation = 'destination-out';
    ctx.drawImage(canvas, 0, 0);
    return new Promise((resolve) => out.toBlob(resolve, 'image/png'));
  }

  // ---------------------------------------------------------------- gallery

  // Kept in the browser (localStorage of this origin, one list per API key): the gateway keeps no
  // per-user history, so nothing of one caller can reach another, and replicas need not agree.
  async function galleryBucket() {
    if (!state.key) return 'open';
    if (!(window.crypto && crypto.subtle)) return null; // not a secure context: keep it in this tab only
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode('easel-gallery:' + state.key));
    return [...new Uint8Array(digest)].slice(0, 12).map((b) => b.toString(16).padStart(2, '0')).join('');
  }

  async function loadGallery() {
    state.galleryBucket = await galleryBucket();
    state.gallery = [];
    if (state.galleryBucket) {
      try {
        state.gallery = JSON.parse(localStorage.getItem('easel.gallery.' + state.galleryBucket) || '[]');
      } catch (e) {
        state.gallery = [];
      }
    }
    renderGallery();
  }

  function saveGallery() {
    if (!state.galleryBucket) return;
    const storageKey = 'easel.gallery.' + state.galleryBucket;
    for (;;) {
      try {
        localStorage.setItem(storageKey, JSON.stringify(state.gallery));
        return;
      } catch (e) {
        if (state.gallery.length <= 1) return;
        state.gallery = state.gallery.slice(0, Math.floor(state.gallery.length / 2));
      }
    }
  }

  function addToGallery(img, image, metadata) {
    const entry = {
      thumb: thumbnail(img),
      url: image.url || null,
      size: img.naturalWidth + 'x' + img.naturalHeight,
      format: image.format || 'png',
      model: metadata ? metadata.model : $('model').value,
      provider: metadata ? metadata.provider : '',
      prompt: truncate(state.lastRun ? state.lastRun.prompt : '', 200),
      mode: state.lastRun ? state.lastRun.mode : 'generate',
      created: Date.now(),
    };
    if (!entry.thumb && !entry.url) return;
    state.gallery.unshift(entry);
    state.gallery = state.gallery.slice(0, GALLERY_MAX);
    saveGallery();
    renderGallery();
  }

  function thumbnail(img) {
    try {
      const scale = Math.min(1, 256 / Math.max(img.naturalWidth, img.naturalHeight));
      const c = document.createElement('canvas');
      c.width = Math.max(1, Math.round(img.naturalWidth * scale));
      c.height = Math.max(1, Math.round(img.naturalHeight * scale));
      c.getContext('2d').drawImage(img, 0, 0, c.width, c.height);
      return c.toDataURL('image/jpeg', 0.8);
    } catch (e) {
      return null; // an image from another origin without CORS: keep its link only
    }
  }

  function renderGallery() {
    const list = $('gallery-list');
    list.textContent = '';
    for (const g of state.gallery) {
      g.url = safeUrl(g.url);
      if (typeof g.thumb !== 'string' || !g.thumb.startsWith('data:image/jpeg;base64,')) g.thumb = null;
      if (!g.url && !g.thumb) continue;
      const label = g.size + ' · ' + g.format + ' · ' + g.model + (g.provider ? ' via ' + g.provider : '');
      const picture = el('img', { src: g.thumb || g.url, alt: (g.mode === 'edit' ? 'Edit: ' : '') + (g.prompt || 'image'), loading: 'lazy' });
      const content = [picture, el('span', {}, label), el('span', {}, new Date(g.created).toLocaleString())];
      const item = g.url ? el('a', { href: g.url, target: '_blank', rel: 'noopener', title: g.prompt }, ...content)
        : el('div', { title: g.prompt }, ...content);
      list.append(el('li', { 'data-size': g.size }, item));
    }
    if (!state.gallery.length) list.append(el('li', { class: 'hint' }, 'Nothing yet.'));
  }

  $('gallery-clear').addEventListener('click', () => {
    state.gallery = [];
    saveGallery();
    renderGallery();
  });

  // ---------------------------------------------------------------- wiring

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return node;
  }

  function truncate(s, n) {
    return s && s.length > n ? s.slice(0, n - 1) + '…' : (s || '');
  }

  $('model').addEventListener('change', (e) => loadModel(e.target.value));
  $('provider').addEventListener('change', () => applyCapabilities(false));
  $('format').addEventListener('change', updateCompression);
  $('compression').addEventListener('input', updateCompression);
  $('stream').addEventListener('change', updateRunButton);
  for (const r of document.querySelectorAll('input[name=size-by]')) r.addEventListener('change', showSizeFields);
  for (const r of document.querySelectorAll('input[name=mode]')) {
    r.addEventListener('change', () => {
      if (mode() === 'edit' && sizeBy() === 'pixels') {
        document.querySelector('input[name=size-by][value=auto]').checked = true;
        showSizeFields();
      }
      refreshEditor();
      updateRunButton();
    });
  }

  (async () => {
    refreshEditor();
    updateRunButton();
    await loadGallery();
    await loadModels();
  })();
})();
