// A full flow through the unmodified npm amazon-payments client, pointed at Offpay with a custom
// environment. Reads OFFPAY_URL, OFFPAY_SELLER, OFFPAY_ACCESS_KEY, OFFPAY_SECRET_KEY; exits non-zero on
// the first unexpected answer.
const amazonPayments = require('amazon-payments');
const assert = require('assert');

const url = process.env.OFFPAY_URL;
const seller = process.env.OFFPAY_SELLER;
const accessKey = process.env.OFFPAY_ACCESS_KEY;
const secretKey = process.env.OFFPAY_SECRET_KEY;

const payment = amazonPayments.connect({
  environment: { mwsEndpoint: url + '/OffAmazonPayments_Sandbox/2013-01-01', apiEndpoint: url },
  sellerId: seller,
  mwsAccessKey: accessKey,
  mwsSecretKey: secretKey,
  clientId: 'amzn1.application-oa2-client.offpay'
});

function call(method, params) {
  return new Promise((resolve, reject) => {
    payment.offAmazonPayments[method](params, (err, res) => err ? reject(err) : resolve(res));
  });
}

async function draft(body) {
  const r = await fetch(url + '/sandbox/v1/order-references', {
    method: 'POST',
    headers: { Authorization: 'Basic ' + Buffer.from(accessKey + ':' + secretKey).toString('base64') },
    body: JSON.stringify(body || {})
  });
  assert.strictEqual(r.status, 201);
  return (await r.json()).amazonOrderReferenceId;
}

async function main() {
  const id = await draft();
  const draftDetails = await call('getOrderReferenceDetails', { AmazonOrderReferenceId: id });
  assert.strictEqual(draftDetails.OrderReferenceDetails.OrderReferenceStatus.State, 'Draft');

  // A note with '*', which npm encodes as %2a: Offpay accepts that signature.
  await call('setOrderReferenceDetails', {
    AmazonOrderReferenceId: id,
    OrderReferenceAttributes: {
      OrderTotal: { CurrencyCode: 'USD', Amount: 25.5 },
      SellerNote: 'thank you * very much',
      SellerOrderAttributes: { SellerOrderId: 'NPM-1', StoreName: 'npm shop' }
    }
  });
  await call('confirmOrderReference', { AmazonOrderReferenceId: id });
  const open = await call('getOrderReferenceDetails', { AmazonOrderReferenceId: id });
  assert.strictEqual(open.OrderReferenceDetails.OrderReferenceStatus.State, 'Open');
  assert.ok(open.OrderReferenceDetails.Buyer.Email);

  const auth = await call('authorize', {
    AmazonOrderReferenceId: id,
    AuthorizationReferenceId: 'npm-auth-' + Date.now(),
    AuthorizationAmount: { CurrencyCode: 'USD', Amount: '25.50' },
    TransactionTimeout: 0
  });
  assert.strictEqual(auth.AuthorizationDetails.AuthorizationStatus.State, 'Open');
  const authId = auth.AuthorizationDetails.AmazonAuthorizationId;

  const cap = await call('capture', {
    AmazonAuthorizationId: authId,
    CaptureReferenceId: 'npm-cap-' + Date.now(),
    CaptureAmount: { CurrencyCode: 'USD', Amount: '25.50' }
  });
  assert.strictEqual(cap.CaptureDetails.CaptureStatus.State, 'Completed');

  const refund = await call('refund', {
    AmazonCaptureId: cap.CaptureDetails.AmazonCaptureId,
    RefundReferenceId: 'npm-ref-' + Date.now(),
    RefundAmount: { CurrencyCode: 'USD', Amount: '5' }
  });
  assert.strictEqual(refund.RefundDetails.RefundStatus.State, 'Pending');
  await call('closeOrderReference', { AmazonOrderReferenceId: id });

  // Errors reach the npm client as errors with Amazon's code (it needs Content-Type: text/xml exactly).
  let failed = null;
  try {
    await call('getOrderReferenceDetails', { AmazonOrderReferenceId: 'S01-0000000-0000000' });
  } catch (e) {
    failed = e;
  }
  assert.ok(failed, 'an unknown order reference must be an error');
  assert.strictEqual(failed.code || failed.name, 'InvalidOrderReferenceId');
  console.log('npm amazon-payments flow passed');
}

main().catch(e => { console.error(e); process.exit(1); });
