/*
 * Offpay Widgets.js: the Amazon Pay (Checkout v1) widgets served by Offpay, an offline sandbox.
 * Defines OffAmazonPayments.Widgets.Button, .AddressBook, .Wallet and amazon.Login.
 * The widgets are iframes on Offpay's host that talk to this page with postMessage; messages are
 * accepted only from Offpay's origin and from the frame or popup they belong to.
 */
(function (window, document) {
  'use strict';
  var CONFIG = /*@CONFIG@*/{};
  var script = document.currentScript;
  var BASE = CONFIG.base;
  try {
    if (script && script.src) BASE = new URL(script.src, window.location.href).origin;
  } catch (e) { /* keep the server's view of the base */ }
  var ENV = CONFIG.sandbox ? 'sandbox' : 'live';
  var TOKEN_KEY = 'offpay.buyerToken.' + ENV;
  var PAGE_ORIGIN = window.location.origin;

  if (window.OffAmazonPayments && window.OffAmazonPayments.offpay) {
    readyCallbacks();
    return;
  }

  var MESSAGES = {
    contact: "We're sorry, but there's a problem processing your payment from this web site. Please contact the seller.",
    assist: "We're sorry, but there's a problem processing your payment from this web site. Please contact seller for assistance."
  };

  function WidgetError(code, message) {
    this.code = code;
    this.message = message;
  }
  WidgetError.prototype.getErrorCode = function () { return this.code; };
  WidgetError.prototype.getErrorMessage = function () { return this.message; };
  WidgetError.prototype.toString = function () { return this.code + ': ' + this.message; };

  function OrderReference(id) { this.id = id; }
  OrderReference.prototype.getAmazonOrderReferenceId = function () { return this.id; };
  OrderReference.prototype.getAmazonBillingAgreementId = function () { return undefined; };

  function reportError(options, code, message) {
    var err = new WidgetError(code, message);
    if (options && typeof options.onError === 'function') {
      try { options.onError(err); } catch (e) { setTimeout(function () { throw e; }); }
    } else if (window.console) {
      window.console.error('OffAmazonPayments widget error ' + code + ': ' + message);
    }
    return err;
  }

  function call(fn, arg) {
    if (typeof fn === 'function') {
      try { fn(arg); } catch (e) { setTimeout(function () { throw e; }); }
    }
  }

  // ------------------------------------------------------------------ buyer token

  function readCookie(name) {
    var parts = document.cookie ? document.cookie.split('; ') : [];
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf('=');
      if (parts[i].substring(0, eq) === name) return decodeURIComponent(parts[i].substring(eq + 1));
    }
    return null;
  }

  var useCookie = !!CONFIG.lpa;

  function getToken() {
    var t = null;
    try { t = window.localStorage.getItem(TOKEN_KEY); } catch (e) { /* storage blocked */ }
    return t || readCookie('amazon_Login_accessToken');
  }

  function setToken(token) {
    if (!token) return;
    try { window.localStorage.setItem(TOKEN_KEY, token); } catch (e) { /* storage blocked */ }
    if (useCookie) {
      document.cookie = 'amazon_Login_accessToken=' + encodeURIComponent(token) + '; path=/; max-age=3600; SameSite=Lax';
    }
  }

  function clearToken() {
    try { window.localStorage.removeItem(TOKEN_KEY); } catch (e) { /* storage blocked */ }
    document.cookie = 'amazon_Login_accessToken=; path=/; max-age=0';
    document.cookie = 'amazon_Login_state_cache=; path=/; max-age=0';
  }

  // A Login with Amazon redirect lands here with the token in the query (LPA redirect flow).
  (function adoptRedirectToken() {
    try {
      var q = new URLSearchParams(window.location.search);
      var t = q.get('access_token');
      if (t && t.indexOf('Atza|') === 0) setToken(t);
    } catch (e) { /* old browser */ }
  })();

  function query(params) {
    var out = [];
    for (var k in params) {
      if (Object.prototype.hasOwnProperty.call(params, k) && params[k] !== undefined && params[k] !== null) {
        out.push(encodeURIComponent(k) + '=' + encodeURIComponent(String(params[k])));
      }
    }
    return out.join('&');
  }

  // ------------------------------------------------------------------ messages from Offpay frames and popups

  var frames = {};     // widgetId -> widget
  var popups = [];     // {window, onMessage}
  var nextId = 1;

  window.addEventListener('message', function (ev) {
    if (ev.origin !== BASE) return;
    var d = ev.data;
    if (!d || typeof d !== 'object' || d.offpay !== 1) return;
    if (d.widgetId && frames[d.widgetId]) {
      var w = frames[d.widgetId];
      if (w.iframe && ev.source === w.iframe.contentWindow) w.handle(d);
      return;
    }
    for (var i = 0; i < popups.length; i++) {
      if (popups[i].window === ev.source) {
        var p = popups[i];
        popups.splice(i, 1);
        p.onMessage(d);
        return;
      }
    }
  });

  function openPopup(url, onMessage) {
    var w = 400, h = 560;
    var left = (window.screenX || 0) + Math.max(0, ((window.outerWidth || w) - w) / 2);
    var top = (window.screenY || 0) + Math.max(0, ((window.outerHeight || h) - h) / 2);
    var popup = window.open(url, 'amazonloginpopup',
        'width=' + w + ',height=' + h + ',left=' + left + ',top=' + top + ',scrollbars=yes,resizable=yes');
    if (!popup) return null;
    popups.push({ window: popup, onMessage: onMessage });
    return popup;
  }

  function checkSeller(sellerId, done) {
    var xhr = new XMLHttpRequest();
    xhr.open('GET', BASE + '/widgets/api/seller-status?' + query({ sellerId: sellerId }));
    xhr.onload = function () {
      try { done(JSON.parse(xhr.responseText)); } catch (e) { done({ valid: false, error: 'UnknownError' }); }
    };
    xhr.onerror = function () { done({ valid: false, error: 'UnknownError' }); };
    xhr.send();
  }

  // ------------------------------------------------------------------ Button

  function Button(options) {
    this.options = options || {};
  }

  Button.prototype.bind = function (divId) {
    var o = this.options;
    var div = document.getElementById(divId);
    if (!div) {
      reportError(o, 'InvalidParameterValue', 'The element "' + divId + '" passed to bind() does not exist.');
      return this;
    }
    if (!o.sellerId) {
      reportError(o, 'MissingParameter', 'The sellerId parameter is missing and must be provided.');
      return this;
    }
    if (o.useAmazonAddressBook !== undefined && typeof o.useAmazonAddressBook !== 'boolean') {
      reportError(o, 'InvalidParameterValue', 'useAmazonAddressBook must be true or false.');
      return this;
    }
    adoptSignInRedirect(o);
    checkSeller(o.sellerId, function (status) {
      if (!status.valid) {
        reportError(o, 'InvalidSellerId', 'The seller identifier that you have provided is invalid. Specify a valid SellerId. ("' + o.sellerId + '")');
        return;
      }
      if (!status.active) {
        reportError(o, 'InvalidAccountStatus', 'Your seller account is not in an appropriate state to execute this request.');
        return;
      }
      var design = o.design || {};
      var img = document.createElement('img');
      img.src = BASE + '/gp/widgets/button?' + query({
        sellerId: o.sellerId, size: design.size || o.size, color: design.color || o.color, type: o.type || design.type
      });
      img.alt = o.type === 'LwA' ? 'Login with Amazon' : 'Pay with Amazon';
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'offpay-pay-button';
      button.setAttribute('aria-label', img.alt);
      button.style.cssText = 'border:0;padding:0;margin:0;background:none;cursor:pointer;line-height:0';
      button.appendChild(img);
      button.addEventListener('click', function () {
        if (typeof o.authorization === 'function') o.authorization();
        else signIn(o);
      });
      div.innerHTML = '';
      div.appendChild(button);
    });
    return this;
  };

  function signInUrl(o, extra) {
    var params = {
      sellerId: o.sellerId, env: ENV, origin: PAGE_ORIGIN,
      useAmazonAddressBook: o.useAmazonAddressBook === false ? 'false' : 'true'
    };
    for (var k in extra) params[k] = extra[k];
    return BASE + '/widgets/signin?' + query(params);
  }

  function signIn(o) {
    var popup = openPopup(signInUrl(o, {}), function (d) {
      if (d.kind === 'signIn') {
        setToken(d.token);
        call(o.onSignIn, new OrderReference(d.orderReferenceId));
      } else if (d.kind === 'error') {
        reportError(o, d.code, d.message);
      }
    });
    // Popups blocked: sign in in this window and come back.
    if (!popup) window.location.href = signInUrl(o, { returnUrl: window.location.href });
  }

  // The redirect variant of sign-in returns with the result in the fragment.
  function adoptSignInRedirect(o) {
    var h = window.location.hash;
    if (!h || h.indexOf('offpayOrderReferenceId=') < 0) return;
    var q = new URLSearchParams(h.substring(1));
    var id = q.get('offpayOrderReferenceId');
    setToken(q.get('offpayToken'));
    try { window.history.replaceState(null, '', window.location.pathname + window.location.search); } catch (e) { /* ignore */ }
    setTimeout(function () { call(o.onSignIn, new OrderReference(id)); });
  }

  // ------------------------------------------------------------------ AddressBook and Wallet

  function px(v) {
    if (v === undefined || v === null || v === '') return null;
    var m = /^\s*(\d+(?:\.\d+)?)\s*(px)?\s*$/.exec(String(v));
    return m ? parseFloat(m[1]) : NaN;
  }

  function FrameWidget(kind, options) {
    this.kind = kind;
    this.options = options || {};
    this.widgetId = 'offpay-' + kind + '-' + (nextId++);
  }

  FrameWidget.prototype.bind = function (divId) {
    var o = this.options, self = this;
    var div = document.getElementById(divId);
    this.div = div;
    if (!div) {
      reportError(o, 'InvalidParameterValue', 'The element "' + divId + '" passed to bind() does not exist.');
      return this;
    }
    var readOnly = o.displayMode === 'Read';
    if (o.displayMode !== undefined && o.displayMode !== 'Edit' && !readOnly) {
      return this.fail('InvalidParameterValue', 'displayMode must be "Read" or "Edit", not "' + o.displayMode + '".');
    }
    if (!o.sellerId) return this.fail('MissingParameter', 'The sellerId parameter is missing and must be provided.');
    var create = !o.amazonOrderReferenceId && typeof o.onOrderReferenceCreate === 'function' && !readOnly;
    if (!o.amazonOrderReferenceId && !create) {
      return this.fail('MissingParameter', 'The amazonOrderReferenceId parameter is missing and must be provided.');
    }
    var design = o.design || {};
    var mode = design.designMode || 'standard';
    if (['standard', 'responsive', 'smartphoneCollapsible'].indexOf(mode) < 0) {
      return this.fail('InvalidParameterValue', 'design.designMode must be "responsive" or "smartphoneCollapsible", not "' + mode + '".');
    }
    this.mode = mode;
    var width = null, height = null;
    if (mode !== 'smartphoneCollapsible' && design.size) {
      width = px(design.size.width);
      height = px(design.size.height);
      var minH = readOnly ? 185 : 228;
      if (isNaN(width) || isNaN(height) || width === null || height === null
          || width < 300 || width > 600 || height < minH || height > 400) {
        return this.fail('InvalidParameterValue', 'design.size must be a width of 300px to 600px and a height of '
            + minH + 'px to 400px; got ' + design.size.width + ' x ' + design.size.height + '.');
      }
    }
    this.params = {
      sellerId: o.sellerId, env: ENV, origin: PAGE_ORIGIN, widgetId: this.widgetId,
      displayMode: readOnly ? 'Read' : 'Edit', designMode: mode
    };
    if (o.amazonOrderReferenceId) this.params.orderReferenceId = o.amazonOrderReferenceId;
    if (create) {
      this.params.create = 'true';
      if (o.useAmazonAddressBook === false || (this.kind === 'wallet' && o.useAmazonAddressBook !== true)) {
        this.params.useAmazonAddressBook = 'false';
      }
    }
    var iframe = document.createElement('iframe');
    iframe.title = this.kind === 'addressbook' ? 'Amazon Pay address book' : 'Amazon Pay wallet';
    iframe.setAttribute('frameborder', '0');
    var minHeight = readOnly ? 185 : 228;
    if (mode === 'smartphoneCollapsible') {
      iframe.style.cssText = 'width:100%;height:135px;border:0;display:block;background:#fff';
    } else if (width !== null) {
      iframe.style.cssText = 'width:' + width + 'px;height:' + height + 'px;border:0;display:block';
    } else {
      // Responsive: fill the merchant's div, within the guide's valid sizes.
      iframe.style.cssText = 'width:100%;height:100%;min-width:300px;max-width:600px;min-height:' + minHeight
          + 'px;max-height:400px;border:0;display:block';
    }
    this.iframe = iframe;
    frames[this.widgetId] = this;
    div.innerHTML = '';
    div.appendChild(iframe);
    this.load();
    return this;
  };

  FrameWidget.prototype.load = function () {
    var token = getToken();
    var src = BASE + '/widgets/' + this.kind + '?' + query(this.params) + (token ? '#token=' + encodeURIComponent(token) : '');
    // A different URL makes the frame load again even when only the fragment would change.
    this.params.r = (this.params.r || 0) + 1;
    this.iframe.src = src;
  };

  FrameWidget.prototype.fail = function (code, message) {
    var err = reportError(this.options, code, message);
    if (this.div) {
      var box = document.createElement('div');
      box.setAttribute('role', 'alert');
      box.className = 'offpay-widget-error';
      box.style.cssText = 'border:1px solid #c40000;color:#c40000;padding:8px;font:13px Arial,sans-serif';
      box.textContent = code === 'MissingParameter' || code === 'InvalidParameterValue' || code === 'InvalidSellerId'
          ? MESSAGES.assist : MESSAGES.contact;
      this.div.innerHTML = '';
      this.div.appendChild(box);
    }
    return err;
  };

  FrameWidget.prototype.handle = function (d) {
    var o = this.options;
    switch (d.type) {
      case 'orderReferenceCreate':
        this.params.orderReferenceId = d.orderReferenceId;
        delete this.params.create;
        call(o.onOrderReferenceCreate, new OrderReference(d.orderReferenceId));
        break;
      case 'ready':
        call(o.onReady, new OrderReference(d.orderReferenceId));
        break;
      case 'addressSelect':
        call(o.onAddressSelect, new OrderReference(d.orderReferenceId));
        // The Wallet re-renders itself after each address selection (the guide's rule).
        for (var id in frames) {
          var w = frames[id];
          if (w !== this && w.params && w.params.orderReferenceId === d.orderReferenceId && w.iframe && w.iframe.isConnected) {
            if (w.kind === 'wallet' || w.params.displayMode === 'Read') w.load();
          }
        }
        break;
      case 'paymentSelect':
        call(o.onPaymentSelect, new OrderReference(d.orderReferenceId));
        for (var id2 in frames) {
          var r = frames[id2];
          if (r !== this && r.kind === 'wallet' && r.params.displayMode === 'Read'
              && r.params.orderReferenceId === d.orderReferenceId && r.iframe && r.iframe.isConnected) r.load();
        }
        break;
      case 'error':
        reportError(o, d.code, d.message);
        break;
      case 'expand':
        this.iframe.style.cssText = 'position:fixed;left:0;top:0;width:100vw;height:100vh;border:0;z-index:2147483000;background:#fff';
        break;
      case 'collapse':
        this.iframe.style.cssText = 'width:100%;height:135px;border:0;display:block;background:#fff';
        break;
      default:
        break;
    }
  };

  function AddressBook(options) { FrameWidget.call(this, 'addressbook', options); }
  AddressBook.prototype = Object.create(FrameWidget.prototype);
  AddressBook.prototype.constructor = AddressBook;

  function Wallet(options) { FrameWidget.call(this, 'wallet', options); }
  Wallet.prototype = Object.create(FrameWidget.prototype);
  Wallet.prototype.constructor = Wallet;

  // ------------------------------------------------------------------ Login with Amazon

  function AuthorizeRequest() {
    this.status = 'queued';
    this.callbacks = [];
  }
  AuthorizeRequest.prototype.onComplete = function (next) {
    if (this.status === 'complete') runNext(next, this.response);
    else this.callbacks.push(next);
    return this;
  };
  AuthorizeRequest.prototype.complete = function (response) {
    this.status = 'complete';
    this.response = response;
    for (var k in response) if (!(k in this)) this[k] = response[k];
    var cbs = this.callbacks;
    this.callbacks = [];
    for (var i = 0; i < cbs.length; i++) runNext(cbs[i], response);
  };

  function runNext(next, response) {
    if (typeof next === 'function') {
      call(next, response);
    } else if (typeof next === 'string' && next) {
      window.location.href = next + (next.indexOf('?') < 0 ? '?' : '&') + query(response);
    }
  }

  var Login = {
    clientId: null,
    sandbox: !!CONFIG.sandbox,
    setClientId: function (id) { this.clientId = id; },
    getClientId: function () { return this.clientId; },
    setSandboxMode: function (on) { this.sandbox = !!on; },
    setUseCookie: function (on) { useCookie = !!on; },
    setSiteDomain: function () { },
    setRegion: function () { },
    authorize: function (options, next) {
      options = options || {};
      var scope = options.scope || 'profile';
      if (Object.prototype.toString.call(scope) === '[object Array]') scope = scope.join(' ');
      var popup = options.popup !== false;
      var req = new AuthorizeRequest();
      var params = {
        client_id: this.clientId || CONFIG.sellerId, scope: scope, response_type: options.response_type || 'token',
        state: options.state, seller_id: CONFIG.sellerId, env: ENV
      };
      if (popup) {
        params.popup = 'true';
        params.origin = PAGE_ORIGIN;
        params.redirect_uri = typeof next === 'string' ? next : window.location.href;
        if (next) req.onComplete(next);
        var url = BASE + '/ap/oa?' + query(params);
        var w = openPopup(url, function (d) {
          if (d.kind === 'authorize') {
            if (d.response && d.response.access_token) setToken(d.response.access_token);
            req.complete(d.response || {});
          }
        });
        if (w) return req;
      }
      params.redirect_uri = typeof next === 'string' ? next : window.location.href;
      delete params.popup;
      delete params.origin;
      window.location.href = BASE + '/ap/oa?' + query(params);
      return req;
    },
    retrieveProfile: function (token, callback) {
      var xhr = new XMLHttpRequest();
      xhr.open('GET', BASE + '/user/profile?' + query({ access_token: token || getToken() }));
      xhr.onload = function () {
        var body = {};
        try { body = JSON.parse(xhr.responseText); } catch (e) { /* not JSON */ }
        call(callback, xhr.status === 200 ? { success: true, profile: { CustomerId: body.user_id, Name: body.name, PrimaryEmail: body.email } }
            : { success: false, error: body.error });
      };
      xhr.send();
    },
    logout: function () { clearToken(); }
  };

  // ------------------------------------------------------------------ exports

  window.OffAmazonPayments = {
    offpay: { base: BASE, environment: ENV, region: CONFIG.region, version: '2013-01-01' },
    Widgets: { Button: Button, AddressBook: AddressBook, Wallet: Wallet },
    // Login and Pay form: OffAmazonPayments.Button(divId, sellerId, options).
    Button: function (divId, sellerId, options) {
      var o = options || {};
      o.sellerId = sellerId;
      return new Button(o).bind(divId);
    },
    initConfirmationFlow: function (sellerId, id, callback) {
      call(callback, { success: function () { }, error: function () { } });
    }
  };
  window.amazon = window.amazon || {};
  window.amazon.Login = Login;

  readyCallbacks();

  function readyCallbacks() {
    if (typeof window.onAmazonLoginReady === 'function') call(window.onAmazonLoginReady);
    if (typeof window.onAmazonPaymentsReady === 'function') call(window.onAmazonPaymentsReady);
  }
})(window, document);
