// The pages' one passkey script, served at /assets/passkeys.js: the browser's own WebAuthn
// (`navigator.credentials`, with the WebAuthn Level 3 JSON helpers `parseCreationOptionsFromJSON`,
// `parseRequestOptionsFromJSON` and `toJSON`), no client library. It speaks to the JSON API:
//  - [data-passkey="register"]: /api/v1/me/passkeys/options, create, POST /api/v1/me/passkeys;
//  - [data-passkey="sign-in"]: /api/v1/passkeys/sign-in-options, get, POST /api/v1/passkeys/sign-in;
//  - a form with data-step-up="passkey" submitted with its code field empty: a passkey answers
//    /api/v1/me/passkeys/step-up-options and the form is sent with it in its hidden "passkey" field.
// Plain ES2017 in a string, like the copy script: pages load no bundle for it.
export const PASSKEYS_SCRIPT = `(function () {
  'use strict';
  var supported = !!(window.PublicKeyCredential && PublicKeyCredential.parseCreationOptionsFromJSON);
  function status(near, text) {
    var box = (near.closest('form, section, main') || document).querySelector('[data-passkey-status]');
    if (box) box.textContent = text;
  }
  function post(path, body) {
    return fetch(path, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body || {}) })
      .then(function (res) {
        return res.json().then(function (json) {
          if (!res.ok) throw new Error((json && json.error && json.error.message) || ('HTTP ' + res.status));
          return json;
        });
      });
  }
  function onIp() { return /^[0-9.]+$|^\\[/.test(location.hostname); }
  function fail(el) {
    return function (error) {
      status(el, onIp() ? el.getAttribute('data-needs-name') || String(error.message || error) : String(error.message || error));
      el.disabled = false;
    };
  }
  function register(button) {
    button.disabled = true;
    var nameField = document.querySelector('[data-passkey-name]');
    post('/api/v1/me/passkeys/options').then(function (answer) {
      return navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(answer.options) });
    }).then(function (credential) {
      return post('/api/v1/me/passkeys', { credential: credential.toJSON(), name: nameField ? nameField.value : '' });
    }).then(function (added) {
      var codes = document.querySelector('[data-passkey-codes]');
      if (codes && added.recovery_codes.length) { codes.textContent = added.recovery_codes.join('\\n'); codes.hidden = false; }
      status(button, button.getAttribute('data-done') || 'Passkey added.');
      button.disabled = false;
      var list = document.querySelector('[data-testid="passkeys"], [data-testid="no-passkeys"]');
      if (list) list.setAttribute('data-changed', '1');
    }).catch(fail(button));
  }
  function signIn(button) {
    button.disabled = true;
    post('/api/v1/passkeys/sign-in-options').then(function (answer) {
      return navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(answer.options) });
    }).then(function (credential) {
      return post('/api/v1/passkeys/sign-in', { credential: credential.toJSON() });
    }).then(function () {
      location.assign(button.getAttribute('data-next') || '/dashboard');
    }).catch(fail(button));
  }
  function stepUp(form, event) {
    var code = form.querySelector('input[name="code"]');
    var hidden = form.querySelector('input[name="passkey"]');
    if (!hidden || hidden.value || (code && code.value.trim())) return;
    event.preventDefault();
    post('/api/v1/me/passkeys/step-up-options').then(function (answer) {
      return navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(answer.options) });
    }).then(function (credential) {
      hidden.value = JSON.stringify(credential.toJSON());
      form.submit();
    }).catch(fail(form));
  }
  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('[data-passkey]');
    if (!button) return;
    if (!supported) return status(button, 'This browser cannot use passkeys.');
    if (button.getAttribute('data-passkey') === 'register') register(button);
    else signIn(button);
  });
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (supported && form.getAttribute && form.getAttribute('data-step-up') === 'passkey') stepUp(form, event);
  });
})();
`;
