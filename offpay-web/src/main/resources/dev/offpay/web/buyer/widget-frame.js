/* The inside of an Offpay AddressBook or Wallet widget frame. */
(function () {
  'use strict';
  var C = JSON.parse(document.getElementById('offpay-config').textContent);
  var token = null;
  try { token = new URLSearchParams(window.location.hash.substring(1)).get('token'); } catch (e) { /* none */ }
  if (window.location.hash) {
    // Keep the buyer's token out of the frame's history entry.
    try { window.history.replaceState(null, '', window.location.pathname + window.location.search); } catch (e) { /* ignore */ }
  }
  var target = C.origin === 'null' ? '*' : C.origin;
  var readOnly = C.displayMode === 'Read';
  var smartphone = C.designMode === 'smartphoneCollapsible';
  var isAddressBook = C.kind === 'addressbook';
  var oroId = C.orderReferenceId || null;
  var root = document.getElementById('widget');
  var state = null;
  var expanded = false;

  function post(msg) {
    msg.offpay = 1;
    msg.widgetId = C.widgetId;
    if (window.parent && window.parent !== window) window.parent.postMessage(msg, target);
  }

  function api(path, body, done) {
    body.token = token;
    body.sellerId = C.sellerId;
    body.env = C.env;
    body.kind = C.kind;
    body.displayMode = C.displayMode;
    var xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Content-Type', 'application/json');
    xhr.onload = function () {
      var res;
      try { res = JSON.parse(xhr.responseText); } catch (e) { res = null; }
      done(res || { error: { code: 'UnknownError', message: 'There was an unknown error in the service.', buyerMessage: C.unknownMessage } });
    };
    xhr.onerror = function () {
      done({ error: { code: 'UnknownError', message: 'There was an unknown error in the service.', buyerMessage: C.unknownMessage } });
    };
    xhr.send(JSON.stringify(body));
  }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) {
      if (k === 'text') e.textContent = attrs[k];
      else if (k === 'className') e.className = attrs[k];
      else e.setAttribute(k, attrs[k]);
    }
    (children || []).forEach(function (c) { if (c) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }

  function showError(err) {
    root.innerHTML = '';
    root.appendChild(el('div', { className: 'error', role: 'alert', 'data-error-code': err.code, text: err.buyerMessage }));
    post({ type: 'error', code: err.code, message: err.message, orderReferenceId: oroId });
  }

  function itemLabel(item) {
    return isAddressBook ? item.summary : item.label;
  }

  function selectedItem() {
    if (!state) return null;
    for (var i = 0; i < state.items.length; i++) if (state.items[i].selected) return state.items[i];
    return null;
  }

  function detail(item) {
    if (!item) {
      return el('p', { className: 'none', text: isAddressBook ? 'Please select a shipping address.' : 'Please select a payment method.' });
    }
    if (isAddressBook) {
      return el('div', { className: 'selected', 'data-testid': 'selected-address' }, item.lines.map(function (l) { return el('div', { text: l }); }));
    }
    var kids = [el('span', { text: item.label })];
    if (item.declined) kids.push(el('span', { className: 'tag declined', text: 'Declined' }));
    return el('div', { className: 'selected', 'data-testid': 'selected-payment-method' }, kids);
  }

  function render() {
    root.innerHTML = '';
    var title = el('div', { className: 'title' }, [el('span', { text: isAddressBook ? 'Address Book' : 'Payment Method' })]);
    root.appendChild(title);
    var current = selectedItem();
    if (readOnly) {
      root.appendChild(detail(current));
      if (state.notice) root.appendChild(el('p', { className: 'notice', role: 'status', text: state.notice }));
      root.appendChild(footer());
      return;
    }
    if (smartphone && !expanded) {
      root.appendChild(detail(current));
      var change = el('button', { type: 'button', className: 'change', text: 'Change' });
      change.addEventListener('click', function () { expanded = true; post({ type: 'expand' }); render(); });
      title.appendChild(change);
      return;
    }
    if (smartphone) {
      var cancel = el('button', { type: 'button', className: 'change', text: 'Cancel' });
      cancel.addEventListener('click', function () { expanded = false; post({ type: 'collapse' }); render(); });
      title.appendChild(cancel);
    }
    if (state.notice) root.appendChild(el('p', { className: 'notice', role: 'status', text: state.notice }));
    var legend = isAddressBook ? 'Choose a shipping address' : 'Choose a payment method';
    var list = el('fieldset', { className: 'items' }, [el('legend', { text: legend })]);
    if (!state.items.length) {
      list.appendChild(el('p', { className: 'none', text: isAddressBook ? 'Your address book is empty.' : 'Your wallet is empty.' }));
    }
    state.items.forEach(function (item) {
      var input = el('input', { type: 'radio', name: 'selection', value: String(item.key) });
      input.checked = !!item.selected;
      var text = itemLabel(item);
      var kids = [input, el('span', { className: 'text', text: text })];
      if (item.declined) kids.push(el('span', { className: 'tag declined', text: 'Declined' }));
      if (item.notAllowed) kids.push(el('span', { className: 'tag notallowed', text: 'Not allowed', title: 'Not available for this order' }));
      var label = el('label', { className: 'item' + (item.selected ? ' checked' : '') }, kids);
      input.addEventListener('change', function () { if (input.checked) choose(item); });
      list.appendChild(label);
    });
    root.appendChild(list);
    root.appendChild(footer());
  }

  function footer() {
    return el('div', { className: 'footer' }, [el('span', { className: 'pay', text: 'Amazon Payments' }),
      el('span', { className: 'env', text: C.env === 'sandbox' ? 'Sandbox' : '' })]);
  }

  function choose(item) {
    var body = { orderReferenceId: oroId };
    if (isAddressBook) body.index = item.key; else body.instrumentId = item.key;
    api('/widgets/api/select', body, function (res) {
      if (res.error) { showError(res.error); return; }
      state = res;
      if (smartphone && expanded) { expanded = false; post({ type: 'collapse' }); }
      render();
      post({ type: isAddressBook ? 'addressSelect' : 'paymentSelect', orderReferenceId: oroId });
    });
  }

  api('/widgets/api/state', {
    orderReferenceId: oroId, create: !!C.create && !oroId, useAmazonAddressBook: C.useAmazonAddressBook !== 'false'
  }, function (res) {
    if (res.error) { showError(res.error); return; }
    state = res;
    if (res.created) {
      oroId = res.orderReferenceId;
      post({ type: 'orderReferenceCreate', orderReferenceId: oroId });
    }
    oroId = res.orderReferenceId;
    render();
    post({ type: 'ready', orderReferenceId: oroId });
    // Like Amazon's widgets, an editable widget announces the (pre)selected entry when it loads.
    if (!readOnly && selectedItem()) post({ type: isAddressBook ? 'addressSelect' : 'paymentSelect', orderReferenceId: oroId });
  });
})();
