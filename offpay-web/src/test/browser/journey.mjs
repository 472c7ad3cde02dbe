// The buyer journey in real Chromium against a running Offpay.
// Environment: OFFPAY_URL, SELLER_ID, ACCESS_KEY, SECRET_KEY (the seller's keys, for the sandbox helpers),
// SCREENSHOT_DIR (docs/screenshots), ARTIFACT_DIR (failure screenshots), CHROMIUM (default /usr/bin/chromium),
// ONLY (run the tests whose name contains it).
// Exit code 0 when every test passed.
import { chromium } from 'playwright-core';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const BASE = (process.env.OFFPAY_URL || 'http://localhost:8080').replace(/\/$/, '');
const SELLER = process.env.SELLER_ID;
const ACCESS_KEY = process.env.ACCESS_KEY;
const SECRET_KEY = process.env.SECRET_KEY;
const SHOTS = process.env.SCREENSHOT_DIR || 'screenshots';
const ARTIFACTS = process.env.ARTIFACT_DIR || 'artifacts';
const EXECUTABLE = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = 15000;
const DEFAULT_PASSWORD = 'test1234';

if (!SELLER) {
  console.error('SELLER_ID is required');
  process.exit(2);
}
fs.mkdirSync(SHOTS, { recursive: true });
fs.mkdirSync(ARTIFACTS, { recursive: true });

function check(condition, message) {
  if (!condition) throw new Error('expectation failed: ' + message);
}

async function text(locator) {
  return (await locator.textContent({ timeout: TIMEOUT }) || '').trim();
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(SHOTS, name + '.png'), fullPage: true });
}

async function sellerStatus() {
  const r = await fetch(BASE + '/widgets/api/seller-status?sellerId=' + encodeURIComponent(SELLER));
  if (r.status === 404) {
    console.error(BASE + ' does not serve the buyer side (GET /widgets/api/seller-status is 404): is BuyerWeb.register wired?');
    process.exit(3);
  }
  return r.json();
}

const status = await sellerStatus();
check(status.valid, 'seller ' + SELLER + ' exists');
const REGION = status.region.toLowerCase();
const BUYER = 'test-buyer-' + REGION + '@example.com';
const demo = (query = '') => BASE + '/sandbox/demo?sellerId=' + encodeURIComponent(SELLER) + query;

/** Clicks the Pay with Amazon button, signs in in the popup; the page follows onSignIn. */
async function signIn(page, email, password, screenshot) {
  const button = page.getByRole('button', { name: 'Pay with Amazon' });
  await button.waitFor({ timeout: TIMEOUT });
  const [popup] = await Promise.all([page.waitForEvent('popup', { timeout: TIMEOUT }), button.click()]);
  await popup.waitForLoadState();
  await popup.getByLabel('Email').fill(email);
  await popup.getByLabel('Password').fill(password);
  if (screenshot) await shot(popup, screenshot);
  await Promise.all([popup.waitForEvent('close', { timeout: TIMEOUT }), popup.getByRole('button', { name: 'Sign in' }).click()]);
}

async function events(page) {
  return page.evaluate(() => ({ ...window.demoEvents }));
}

async function waitEvents(page, predicate, what) {
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const e = await events(page);
    if (predicate(e)) return e;
    if (Date.now() > deadline) throw new Error('timed out waiting for ' + what + '; events ' + JSON.stringify(e));
    await page.waitForTimeout(50);
  }
}

async function continueEnabled(page) {
  await page.waitForFunction(() => !document.getElementById('continue').disabled, null, { timeout: TIMEOUT });
}

/** Chooses an entry of a widget frame by (part of) its visible text and waits for the callback. */
async function choose(page, frameSelector, name, eventName) {
  const before = await events(page);
  const frame = page.frameLocator(frameSelector);
  await frame.getByRole('radio', { name }).check({ timeout: TIMEOUT });
  await frame.locator('label.item.checked', { hasText: name }).waitFor({ timeout: TIMEOUT });
  await waitEvents(page, (e) => e[eventName] > before[eventName], eventName);
}

async function placeOrder(page) {
  await Promise.all([page.waitForURL(/\/sandbox\/demo\/confirmation/, { timeout: TIMEOUT }), page.getByRole('button', { name: 'Place order' }).click()]);
}

async function confirmation(page) {
  return {
    orderNumber: await text(page.getByTestId('your-order-number')),
    orderReference: await text(page.getByTestId('amazon-order-reference')),
    orderState: await text(page.getByTestId('order-reference-status')),
    authorization: await text(page.getByTestId('authorization-status')),
  };
}

// ------------------------------------------------------------------ tests

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

test('full journey: button, sign-in, address book and wallet, read-only review, order placed', async (browser) => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  const page = await context.newPage();
  await page.goto(demo());
  await page.getByRole('button', { name: 'Pay with Amazon' }).waitFor({ timeout: TIMEOUT });
  await shot(page, '01-cart-with-button');
  await signIn(page, BUYER, DEFAULT_PASSWORD, '02-sign-in-popup');
  await page.waitForURL(/\/sandbox\/demo\/checkout/, { timeout: TIMEOUT });
  const oroId = new URL(page.url()).searchParams.get('session');
  check(/^S0\d-\d{7}-\d{7}$/.test(oroId), 'onSignIn gave an order reference id: ' + oroId);
  // The address book preselects the default address and announces it; the wallet renders after it.
  await waitEvents(page, (e) => e.addressSelect >= 1 && e.paymentSelect >= 1, 'initial selections');
  const addressBook = page.frameLocator('#addressBookWidgetDiv iframe');
  const radios = addressBook.getByRole('radio');
  check(await radios.count() >= 2, 'the address book lists the buyer\'s addresses');
  const second = (await text(addressBook.locator('label.item').nth(1))).split(',')[0];
  const before = await events(page);
  await radios.nth(1).check();
  await addressBook.locator('label.item.checked', { hasText: second }).waitFor({ timeout: TIMEOUT });
  // The wallet re-renders itself after the address change and announces its selection again.
  await waitEvents(page, (e) => e.addressSelect > before.addressSelect && e.paymentSelect > before.paymentSelect, 'wallet re-render');
  await choose(page, '#walletWidgetDiv iframe', '...4444', 'paymentSelect');
  await continueEnabled(page);
  await shot(page, '03-address-book-and-wallet');
  await Promise.all([page.waitForURL(/\/sandbox\/demo\/review/), page.getByRole('button', { name: 'Continue' }).click()]);
  const readAddress = page.frameLocator('#readOnlyAddressBookWidgetDiv iframe');
  const readWallet = page.frameLocator('#readOnlyWalletWidgetDiv iframe');
  await readAddress.getByTestId('selected-address').waitFor({ timeout: TIMEOUT });
  check((await text(readAddress.getByTestId('selected-address'))).includes(second), 'read-only address book shows ' + second);
  check((await text(readWallet.getByTestId('selected-payment-method'))).includes('...4444'), 'read-only wallet shows ...4444');
  check(await readAddress.getByRole('radio').count() === 0, 'the read-only address book offers no choice');
  await shot(page, '04-review-read-only-widgets');
  await placeOrder(page);
  const c = await confirmation(page);
  check(c.orderReference === oroId, 'confirmation shows the order reference ' + oroId + ': ' + c.orderReference);
  check(c.orderNumber.length > 0 && c.orderNumber !== '–', 'confirmation shows the seller order number');
  check(c.orderState.startsWith('Open'), 'order reference Open: ' + c.orderState);
  check(c.authorization.startsWith('Open'), 'authorization Open: ' + c.authorization);
  await shot(page, '05-confirmation');

  // With a bad id the widgets report onError and show the buyer-facing message.
  await page.goto(BASE + '/sandbox/demo/checkout?sellerId=' + encodeURIComponent(SELLER) + '&session=S01-0000000-0000000');
  await page.waitForFunction(() => document.getElementById('errorCode').textContent.length > 0, null, { timeout: TIMEOUT });
  check(await text(page.locator('#errorCode')) === 'InvalidOrderReferenceId', 'onError got InvalidOrderReferenceId');
  const message = await text(page.frameLocator('#addressBookWidgetDiv iframe').getByRole('alert'));
  check(message.startsWith("We're sorry, but there's a problem processing your payment"), 'buyer message in the widget: ' + message);
  await shot(page, '06-widget-error');
  await context.close();
});

test('widgets refuse a buyer who did not sign in: BuyerNotAssociated', async (browser) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const r = await fetch(BASE + '/sandbox/v1/order-references', {
    method: 'POST', headers: { Authorization: basic(), 'Content-Type': 'application/json' }, body: '{}',
  });
  check(r.status === 201, 'sandbox helper created an order reference: ' + r.status);
  const { amazonOrderReferenceId } = await r.json();
  await page.goto(BASE + '/sandbox/demo/checkout?sellerId=' + encodeURIComponent(SELLER) + '&session=' + amazonOrderReferenceId);
  await page.waitForFunction(() => document.getElementById('errorCode').textContent.length > 0, null, { timeout: TIMEOUT });
  check(await text(page.locator('#errorCode')) === 'BuyerNotAssociated', 'onError got BuyerNotAssociated');
  const message = await text(page.frameLocator('#addressBookWidgetDiv iframe').getByRole('alert'));
  check(message.includes('Please re-start the checkout process'), 'buyer message: ' + message);
  await context.close();
});

test('no AddressBook: useAmazonAddressBook false, wallet only', async (browser) => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  const page = await context.newPage();
  await page.goto(demo('&addressBook=false'));
  await signIn(page, BUYER, DEFAULT_PASSWORD);
  await page.waitForURL(/\/sandbox\/demo\/checkout/, { timeout: TIMEOUT });
  check(await page.locator('#addressBookWidgetDiv').count() === 0, 'no address book on the page');
  await waitEvents(page, (e) => e.paymentSelect >= 1, 'wallet selection');
  await choose(page, '#walletWidgetDiv iframe', '...4444', 'paymentSelect');
  await continueEnabled(page);
  await shot(page, '07-no-address-book-wallet-only');
  await Promise.all([page.waitForURL(/\/sandbox\/demo\/review/), page.getByRole('button', { name: 'Continue' }).click()]);
  check(await page.locator('#readOnlyAddressBookWidgetDiv').count() === 0, 'no read-only address book');
  await page.frameLocator('#readOnlyWalletWidgetDiv iframe').getByTestId('selected-payment-method').waitFor({ timeout: TIMEOUT });
  await placeOrder(page);
  const c = await confirmation(page);
  check(c.orderState.startsWith('Open') && c.authorization.startsWith('Open'), 'placed: ' + JSON.stringify(c));
  await context.close();
});

test('smartphone: collapsible widgets expand on Change and collapse after a choice', async (browser) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(demo('&design=smartphone'));
  await shot(page, '08-smartphone-cart');
  await signIn(page, BUYER, DEFAULT_PASSWORD);
  await page.waitForURL(/\/sandbox\/demo\/checkout/, { timeout: TIMEOUT });
  await waitEvents(page, (e) => e.addressSelect >= 1 && e.paymentSelect >= 1, 'initial selections');
  const frame = page.locator('#addressBookWidgetDiv iframe');
  const collapsed = await frame.boundingBox();
  check(Math.round(collapsed.height) === 135, 'collapsed height 135px: ' + collapsed.height);
  await shot(page, '09-smartphone-collapsed');
  const addressBook = page.frameLocator('#addressBookWidgetDiv iframe');
  await addressBook.getByRole('button', { name: 'Change' }).click();
  await page.waitForFunction(() => document.querySelector('#addressBookWidgetDiv iframe').style.position === 'fixed', null, { timeout: TIMEOUT });
  await addressBook.getByRole('radio').first().waitFor({ timeout: TIMEOUT });
  await shot(page, '10-smartphone-expanded');
  const before = await events(page);
  // Choosing collapses the widget at once (the radios are gone), so click rather than check.
  await addressBook.getByRole('radio').nth(1).click();
  await page.waitForFunction(() => document.querySelector('#addressBookWidgetDiv iframe').style.position !== 'fixed', null, { timeout: TIMEOUT });
  await waitEvents(page, (e) => e.addressSelect > before.addressSelect && e.paymentSelect > before.paymentSelect, 'selection after expand');
  await continueEnabled(page);
  await Promise.all([page.waitForURL(/\/sandbox\/demo\/review/), page.getByRole('button', { name: 'Continue' }).click()]);
  await page.frameLocator('#readOnlyWalletWidgetDiv iframe').getByTestId('selected-payment-method').waitFor({ timeout: TIMEOUT });
  await shot(page, '11-smartphone-review');
  await placeOrder(page);
  check((await confirmation(page)).orderState.startsWith('Open'), 'placed from a smartphone');
  await context.close();
});

function basic() {
  return 'Basic ' + Buffer.from(ACCESS_KEY + ':' + SECRET_KEY).toString('base64');
}

test('soft decline: InvalidPaymentMethod suspends the order; the buyer fixes it on the buyer site', async (browser) => {
  const email = 'decline-' + Date.now() + '@example.com';
  const password = 'Decline-pw-1';
  const created = await fetch(BASE + '/sandbox/v1/test-buyers', {
    method: 'POST',
    headers: { Authorization: basic(), 'Content-Type': 'application/json' },
    body: JSON.stringify({
      email, password, name: 'Dee Klein',
      instruments: [
        { typeName: 'Visa', tail: '1111', type: 'CC' },
        { typeName: 'Visa', tail: '0101', type: 'CC', behaviour: 'InvalidPaymentMethod' },
      ],
    }),
  });
  check(created.status === 201, 'test buyer created: ' + created.status + ' ' + await created.clone().text());
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  const page = await context.newPage();
  await page.goto(demo());
  await signIn(page, email, password);
  await page.waitForURL(/\/sandbox\/demo\/checkout/, { timeout: TIMEOUT });
  await waitEvents(page, (e) => e.addressSelect >= 1 && e.paymentSelect >= 1, 'initial selections');
  await choose(page, '#walletWidgetDiv iframe', '...0101', 'paymentSelect');
  await continueEnabled(page);
  await Promise.all([page.waitForURL(/\/sandbox\/demo\/review/), page.getByRole('button', { name: 'Continue' }).click()]);
  await placeOrder(page);
  let c = await confirmation(page);
  check(c.orderState.startsWith('Suspended'), 'order reference Suspended: ' + c.orderState);
  check(c.authorization.includes('Declined') && c.authorization.includes('InvalidPaymentMethod'), 'declined: ' + c.authorization);
  await shot(page, '12-declined-confirmation');

  const site = await context.newPage();
  await site.goto(BASE + '/buyer');
  await site.getByLabel('Email').fill(email);
  await site.getByLabel('Password').fill(password);
  await site.getByRole('button', { name: 'Sign in' }).click();
  await site.getByRole('heading', { name: 'Your payments' }).waitFor({ timeout: TIMEOUT });
  check((await text(site.locator('main'))).includes(c.orderReference), 'the buyer site lists the order');
  await shot(site, '13-buyer-site-payments');
  await site.getByRole('link', { name: 'Update payment method' }).click();
  await site.getByRole('radio', { name: 'Visa ...1111' }).check();
  await shot(site, '14-buyer-site-update-payment-method');
  await site.getByRole('button', { name: 'Update payment method' }).click();
  await site.getByText('Your payment method was updated').waitFor({ timeout: TIMEOUT });
  check((await text(site.locator('main'))).includes('Open'), 'the order is Open again');
  await shot(site, '15-buyer-site-updated');

  await page.reload();
  c = await confirmation(page);
  check(c.orderState.startsWith('Open'), 'merchant sees Open after the update: ' + c.orderState);
  await Promise.all([page.waitForURL(/\/sandbox\/demo\/confirmation/), page.getByRole('button', { name: 'Retry payment' }).click()]);
  c = await confirmation(page);
  check(c.authorization.startsWith('Open'), 'the new authorization is Open: ' + c.authorization);
  await shot(page, '16-payment-after-update');
  await context.close();
});

/** A merchant page on another origin that loads Widgets.js from Offpay, as merchants' own pages do. */
function merchantServer() {
  const page = (mode) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Merchant ${mode}</title>
<style>#addressBookWidgetDiv,#walletWidgetDiv{width:400px;height:228px}</style>
<script>window.events=[];window.onAmazonLoginReady=function(){amazon.Login.setClientId('merchant-test-client');};</script>
<script src="${BASE}/OffAmazonPayments/${REGION}/sandbox/${mode === 'lpa' ? 'lpa/' : ''}js/Widgets.js?sellerId=${encodeURIComponent(SELLER)}"></script>
</head><body><div id="payWithAmazonDiv"></div><div id="addressBookWidgetDiv"></div><div id="walletWidgetDiv"></div>
<script>
var sellerId = ${JSON.stringify(SELLER)};
function log(kind, o) { window.events.push({ kind: kind, id: o && o.getAmazonOrderReferenceId ? o.getAmazonOrderReferenceId() : null }); }
function onError(e) { window.events.push({ kind: 'error', code: e.getErrorCode(), message: e.getErrorMessage() }); }
function wallet(id) {
  new OffAmazonPayments.Widgets.Wallet({ sellerId: sellerId, amazonOrderReferenceId: id,
    onPaymentSelect: function (o) { log('paymentSelect', o); }, design: { designMode: 'responsive' }, onError: onError }).bind('walletWidgetDiv');
}
${mode === 'lpa' ? `
OffAmazonPayments.Button('payWithAmazonDiv', sellerId, { type: 'PwA', color: 'Gold', size: 'medium',
  authorization: function () {
    amazon.Login.authorize({ scope: 'profile payments:widget payments:shipping_address', popup: true }, function (r) {
      window.authResponse = r;
      new OffAmazonPayments.Widgets.AddressBook({ sellerId: sellerId,
        onOrderReferenceCreate: function (o) { log('orderReferenceCreate', o); window.oroId = o.getAmazonOrderReferenceId(); },
        onAddressSelect: function (o) { log('addressSelect', o); if (!window.walletShown) { window.walletShown = true; wallet(window.oroId); } },
        design: { designMode: 'responsive' }, onError: onError }).bind('addressBookWidgetDiv');
    });
  }, onError: onError });` : `
new OffAmazonPayments.Widgets.Button({ sellerId: sellerId,
  onSignIn: function (o) {
    log('signIn', o); window.oroId = o.getAmazonOrderReferenceId();
    new OffAmazonPayments.Widgets.AddressBook({ sellerId: sellerId, amazonOrderReferenceId: window.oroId,
      onAddressSelect: function (a) { log('addressSelect', a); if (!window.walletShown) { window.walletShown = true; wallet(window.oroId); } },
      onReady: function (a) { log('ready', a); }, design: { designMode: 'responsive' }, onError: onError }).bind('addressBookWidgetDiv');
  }, onError: onError }).bind('payWithAmazonDiv');`}
</script></body></html>`;
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(page(req.url.includes('lpa') ? 'lpa' : 'pay'));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function waitFor(page, fn, what) {
  await page.waitForFunction(fn, null, { timeout: TIMEOUT }).catch(async (e) => {
    throw new Error('timed out waiting for ' + what + '; events ' + JSON.stringify(await page.evaluate(() => window.events)));
  });
}

test('merchant page on its own origin: Pay flow with postMessage across origins', async (browser) => {
  const server = await merchantServer();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto('http://127.0.0.1:' + server.address().port + '/pay');
    await signIn(page, BUYER, DEFAULT_PASSWORD);
    await waitFor(page, () => window.events.some((e) => e.kind === 'paymentSelect'), 'address and payment selection');
    const kinds = await page.evaluate(() => window.events.map((e) => e.kind));
    check(kinds[0] === 'signIn' && kinds.includes('ready') && kinds.includes('addressSelect'), 'callbacks: ' + kinds);
    check(!kinds.includes('error'), 'no errors: ' + kinds);
    await shot(page, '17-merchant-origin-widgets');
    await context.close();
  } finally {
    server.close();
  }
});

test('Login and Pay: amazon.Login.authorize popup, AddressBook creates the order reference, LWA token works', async (browser) => {
  const server = await merchantServer();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto('http://127.0.0.1:' + server.address().port + '/lpa');
    await signIn(page, BUYER, DEFAULT_PASSWORD);
    await waitFor(page, () => window.events.some((e) => e.kind === 'paymentSelect'), 'LPA widgets');
    const ev = await page.evaluate(() => window.events);
    check(ev[0].kind === 'orderReferenceCreate' && /^S0\d-/.test(ev[0].id), 'onOrderReferenceCreate first: ' + JSON.stringify(ev));
    const auth = await page.evaluate(() => window.authResponse);
    check(auth.access_token.startsWith('Atza|') && auth.token_type === 'bearer', 'access token: ' + JSON.stringify(Object.keys(auth)));
    const info = await (await fetch(BASE + '/auth/o2/tokeninfo?access_token=' + encodeURIComponent(auth.access_token))).json();
    check(info.aud === 'merchant-test-client' && info.user_id.startsWith('amzn1.account.') && info.exp > 0, 'tokeninfo: ' + JSON.stringify(info));
    const profile = await (await fetch(BASE + '/user/profile', { headers: { Authorization: 'Bearer ' + auth.access_token } })).json();
    check(profile.email === BUYER && profile.user_id === info.user_id, 'profile: ' + JSON.stringify(profile));
    await context.close();
  } finally {
    server.close();
  }
});

// ------------------------------------------------------------------ runner

const browser = await chromium.launch({
  executablePath: EXECUTABLE,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run',
    '--disable-component-update', '--disable-sync'],
});
let failed = 0;
for (const t of tests) {
  if (process.env.ONLY && !t.name.includes(process.env.ONLY)) continue;
  const started = Date.now();
  try {
    await t.fn(browser);
    console.log('PASS ' + t.name + ' (' + (Date.now() - started) + ' ms)');
  } catch (e) {
    failed++;
    console.log('FAIL ' + t.name + '\n  ' + (e.stack || e));
    for (const ctx of browser.contexts()) {
      for (const [i, p] of ctx.pages().entries()) {
        await p.screenshot({ path: path.join(ARTIFACTS, 'failure-' + tests.indexOf(t) + '-' + i + '.png') }).catch(() => {});
      }
      await ctx.close().catch(() => {});
    }
  }
}
await browser.close();
console.log(failed === 0 ? 'ALL PASSED' : failed + ' FAILED');
process.exit(failed === 0 ? 0 : 1);
