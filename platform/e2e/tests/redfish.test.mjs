// Redfish (issue 19, acceptance 3): curl-style requests with HTTP basic credentials against
// /redfish/v1. ComputerSystem.Reset ForceOff and On drive the virtual machine; a viewer reads but
// gets 403 on actions; every response carries the properties the DMTF JSON schemas of the named
// versions require, with their types.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, ADMIN_PASSWORD, Platform, waitFor } from '../lib/harness.mjs';

let platform;

before(async () => {
  platform = await Platform.start('redfish');
  const created = await platform.request('POST', '/api/users', { username: 'rf-viewer', password: 'rf-viewer-password', role: 'viewer' });
  assert.equal(created.status, 201);
  await waitFor('/redfish/v1', async () => (await redfish('GET', '/redfish/v1')).status === 200, 30_000, 200);
});

after(async () => {
  await platform?.stop();
});

function basic(user, password) {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

async function redfish(method, path, body, auth = basic(ADMIN, ADMIN_PASSWORD)) {
  const headers = { Authorization: auth };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(platform.origin + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function get(path) {
  const response = await redfish('GET', path);
  assert.equal(response.status, 200, path);
  assert.match(response.headers.get('content-type'), /^application\/json/);
  return response.json();
}

// The DMTF schemas of the versions each resource names (ServiceRoot.v1_5_0, ComputerSystem.v1_13_0,
// Manager.v1_10_0, VirtualMedia.v1_3_0, SessionService.v1_1_8, Session.v1_0_0 and the collections),
// reduced to what a response must satisfy: the "required" list, the JSON type (and enumeration) of
// every property this service sends, and "additionalProperties": false — a property the schema of
// that version does not define fails (annotations such as @odata.* and *@Redfish.* are allowed, as
// the schemas' patternProperties allow them). Properties a schema defines but we never send are
// listed with their type all the same, so that sending one later is checked.
const ODATA = { '@odata.id': 'string', '@odata.type': 'string', '@odata.context': 'string', '@odata.etag': 'string' };
const RESOURCE = { ...ODATA, Id: 'string', Name: 'string', Description: ['string', 'null'], Oem: 'object' };
const RESOURCE_REQUIRED = ['@odata.id', '@odata.type', 'Id', 'Name'];
const STATE = ['Enabled', 'Disabled', 'StandbyOffline', 'StandbySpare', 'InTest', 'Starting', 'Absent',
  'UnavailableOffline', 'Deferring', 'Quiesced', 'Updating'];
const SCHEMAS = {
  'ServiceRoot.v1_5_0': {
    required: [...RESOURCE_REQUIRED, 'Links'],
    properties: {
      ...RESOURCE, RedfishVersion: 'string', UUID: ['string', 'null'], Product: ['string', 'null'], Vendor: ['string', 'null'],
      Systems: 'link', Managers: 'link', SessionService: 'link', AccountService: 'link', Chassis: 'link', EventService: 'link',
      Tasks: 'link', UpdateService: 'link', JsonSchemas: 'link', Registries: 'link', CertificateService: 'link',
      Links: { type: 'object', required: ['Sessions'], properties: { Sessions: 'link', Oem: 'object' } },
      ProtocolFeaturesSupported: 'object',
    },
  },
  'ComputerSystem.v1_13_0': {
    required: RESOURCE_REQUIRED,
    properties: {
      ...RESOURCE,
      SystemType: { type: 'string', enum: ['Physical', 'Virtual', 'OS', 'PhysicallyPartitioned', 'VirtuallyPartitioned', 'Composed', 'DPU'] },
      PowerState: { type: ['string', 'null'], enum: ['On', 'Off', 'PoweringOn', 'PoweringOff', 'Paused', null] },
      Status: { type: 'object', properties: { State: { type: ['string', 'null'], enum: [...STATE, null] }, Health: ['string', 'null'] } },
      Actions: { type: 'object', properties: { '#ComputerSystem.Reset': { type: 'object', required: ['target'],
        properties: { target: 'string', title: 'string', 'ResetType@Redfish.AllowableValues': 'array' } } } },
      Links: { type: 'object', properties: { ManagedBy: 'array', Chassis: 'array', Oem: 'object' } },
      Manufacturer: ['string', 'null'], Model: ['string', 'null'], SerialNumber: ['string', 'null'], UUID: ['string', 'null'],
      HostName: ['string', 'null'], Boot: 'object',
    },
  },
  'Manager.v1_10_0': {
    required: RESOURCE_REQUIRED,
    properties: {
      ...RESOURCE,
      ManagerType: { type: 'string', enum: ['ManagementController', 'EnclosureManager', 'BMC', 'RackManager', 'AuxiliaryController', 'Service'] },
      FirmwareVersion: ['string', 'null'], VirtualMedia: 'link', Status: 'object', UUID: ['string', 'null'], Model: ['string', 'null'],
      Links: { type: 'object', properties: { ManagerForServers: 'array', ManagerForChassis: 'array', Oem: 'object' } },
      Actions: 'object',
    },
  },
  'VirtualMedia.v1_3_0': {
    required: RESOURCE_REQUIRED,
    properties: {
      ...RESOURCE,
      MediaTypes: { type: 'array', items: ['CD', 'Floppy', 'USBStick', 'DVD'] },
      ConnectedVia: { type: ['string', 'null'], enum: ['NotConnected', 'URI', 'Applet', 'Oem', null] },
      Inserted: ['boolean', 'null'], WriteProtected: ['boolean', 'null'], Image: ['string', 'null'], ImageName: ['string', 'null'],
      TransferProtocolType: { type: ['string', 'null'], enum: ['CIFS', 'FTP', 'SFTP', 'HTTP', 'HTTPS', 'NFS', 'SCP', 'TFTP', 'OEM', null] },
      TransferMethod: { type: ['string', 'null'], enum: ['Stream', 'Upload', null] },
      UserName: ['string', 'null'], Password: ['string', 'null'],
      Actions: { type: 'object', properties: {
        '#VirtualMedia.InsertMedia': { type: 'object', required: ['target'], properties: { target: 'string', title: 'string' } },
        '#VirtualMedia.EjectMedia': { type: 'object', required: ['target'], properties: { target: 'string', title: 'string' } } } },
    },
  },
  'SessionService.v1_1_8': {
    required: RESOURCE_REQUIRED,
    properties: {
      ...RESOURCE, ServiceEnabled: ['boolean', 'null'], SessionTimeout: 'number', Sessions: 'link', Actions: 'object',
      Status: { type: 'object', properties: { State: { type: ['string', 'null'], enum: [...STATE, null] }, Health: ['string', 'null'] } },
    },
  },
  'Session.v1_0_0': {
    required: RESOURCE_REQUIRED,
    properties: { ...RESOURCE, UserName: ['string', 'null'], Password: ['string', 'null'] },
  },
  collection: {
    required: ['@odata.id', '@odata.type', 'Name', 'Members', 'Members@odata.count'],
    properties: { ...ODATA, Name: 'string', Description: ['string', 'null'], Members: { type: 'array', items: 'link' },
      'Members@odata.count': 'integer', 'Members@odata.nextLink': 'string', Oem: 'object' },
  },
};

function typeOf(value) {
  return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
}

const ANNOTATION = /^(@odata\.|@Redfish\.|@Message\.)|@(odata|Redfish|Message)\./;

function check(where, value, spec) {
  if (typeof spec === 'string' || Array.isArray(spec)) spec = { type: spec };
  const types = [spec.type].flat();
  if (types.includes('link')) {
    assert.equal(typeOf(value), 'object', `${where} must be a link object`);
    assert.equal(typeof value['@odata.id'], 'string', `${where}: a link needs @odata.id`);
    assert.deepEqual(Object.keys(value).filter((k) => !ANNOTATION.test(k)), [], `${where}: a link has only @odata.id`);
    return;
  }
  const actual = typeOf(value);
  const ok = types.some((t) => t === actual || (t === 'integer' && Number.isInteger(value)));
  assert.ok(ok, `${where} must be ${types.join(' or ')}, is ${actual} (${JSON.stringify(value)})`);
  if (spec.enum) assert.ok(spec.enum.includes(value), `${where}: ${JSON.stringify(value)} is not one of ${spec.enum.join(', ')}`);
  if (spec.items && actual === 'array') {
    value.forEach((item, i) => (Array.isArray(spec.items) ? assert.ok(spec.items.includes(item), `${where}[${i}] ${item}`)
      : check(`${where}[${i}]`, item, spec.items)));
  }
  if (actual === 'object' && (spec.properties || spec.required)) {
    for (const name of spec.required ?? []) assert.ok(name in value, `${where}: required property ${name} is missing`);
    if (spec.properties) {
      for (const [name, v] of Object.entries(value)) {
        if (ANNOTATION.test(name)) continue;
        assert.ok(name in spec.properties, `${where}: ${name} is not a property of this schema version`);
        check(`${where}.${name}`, v, spec.properties[name]);
      }
    }
  }
}

function validate(document, schema) {
  const collection = document['@odata.type'].includes('Collection');
  const spec = SCHEMAS[collection ? 'collection' : schema];
  assert.ok(spec, `no schema for ${schema}`);
  if (!collection) assert.equal(document['@odata.type'], `#${schema}.${schema.split('.')[0]}`);
  check(document['@odata.id'], document, { type: 'object', ...spec });
  if (collection) assert.equal(document['Members@odata.count'], document.Members.length);
}

test('anonymous and wrong credentials get 401 with a basic challenge', async () => {
  const anonymous = await fetch(`${platform.origin}/redfish/v1/Systems/1`);
  assert.equal(anonymous.status, 401);
  assert.match(anonymous.headers.get('www-authenticate'), /^Basic /);
  assert.equal((await anonymous.json()).error, 'unauthorized');
  const wrong = await redfish('GET', '/redfish/v1', undefined, basic(ADMIN, 'not-the-password'));
  assert.equal(wrong.status, 401);
  assert.equal((await wrong.json()).error, 'bad_credentials');
});

test('every resource carries the required properties of its DMTF schema version', async () => {
  const root = await get('/redfish/v1');
  validate(root, 'ServiceRoot.v1_5_0');
  assert.equal(root.Links.Sessions['@odata.id'], '/redfish/v1/SessionService/Sessions');
  validate(await get('/redfish/v1/Systems'), 'collection');
  const system = await get('/redfish/v1/Systems/1');
  validate(system, 'ComputerSystem.v1_13_0');
  assert.equal(system.Actions['#ComputerSystem.Reset'].target, '/redfish/v1/Systems/1/Actions/ComputerSystem.Reset');
  assert.deepEqual(system.Actions['#ComputerSystem.Reset']['ResetType@Redfish.AllowableValues'],
    ['On', 'ForceOff', 'GracefulShutdown', 'ForceRestart', 'PushPowerButton']);
  validate(await get('/redfish/v1/Managers'), 'collection');
  validate(await get('/redfish/v1/Managers/1'), 'Manager.v1_10_0');
  validate(await get('/redfish/v1/Managers/1/VirtualMedia'), 'collection');
  const cd = await get('/redfish/v1/Managers/1/VirtualMedia/CD1');
  validate(cd, 'VirtualMedia.v1_3_0');
  assert.equal(cd.Inserted, false);
  assert.equal((await redfish('GET', '/redfish/v1/Nothing')).status, 404);
});

test('Reset ForceOff and On drive the virtual machine; the viewer reads but gets 403', async () => {
  const machine = async () => (await platform.json('GET', '/api/virtual/state')).power;
  assert.equal(await machine(), true);
  const viewer = basic('rf-viewer', 'rf-viewer-password');
  assert.equal((await redfish('GET', '/redfish/v1/Systems/1', undefined, viewer)).status, 200);
  const refused = await redfish('POST', '/redfish/v1/Systems/1/Actions/ComputerSystem.Reset', { ResetType: 'ForceOff' }, viewer);
  assert.equal(refused.status, 403);
  assert.equal(await machine(), true, 'the viewer changed nothing');

  const bad = await redfish('POST', '/redfish/v1/Systems/1/Actions/ComputerSystem.Reset', { ResetType: 'Explode' });
  assert.equal(bad.status, 400);
  assert.equal((await bad.json()).error, 'bad_value');

  const off = await redfish('POST', '/redfish/v1/Systems/1/Actions/ComputerSystem.Reset', { ResetType: 'ForceOff' });
  assert.equal(off.status, 204);
  await waitFor('the machine off', async () => (await machine()) === false, 30_000, 100);
  await waitFor('PowerState Off', async () => (await get('/redfish/v1/Systems/1')).PowerState === 'Off', 10_000, 100);

  // The hold of ForceOff may still be running: On is refused with 409 busy until it ended.
  await waitFor('On accepted', async () => {
    const on = await redfish('POST', '/redfish/v1/Systems/1/Actions/ComputerSystem.Reset', { ResetType: 'On' });
    if (on.status === 409) return false;
    assert.equal(on.status, 204);
    return true;
  }, 30_000, 200);
  await waitFor('the machine on', async () => (await machine()) === true, 30_000, 100);
  assert.equal((await get('/redfish/v1/Systems/1')).PowerState, 'On');
});

test('EjectMedia with nothing inserted leaves the drive empty; a bad InsertMedia body is 400', async () => {
  assert.equal((await redfish('POST', '/redfish/v1/Managers/1/VirtualMedia/CD1/Actions/VirtualMedia.EjectMedia', {})).status, 204);
  assert.equal((await get('/redfish/v1/Managers/1/VirtualMedia/CD1')).Inserted, false);
  for (const body of [{}, { Image: 'file:///etc/passwd' }, { Image: 42 }]) {
    const response = await redfish('POST', '/redfish/v1/Managers/1/VirtualMedia/CD1/Actions/VirtualMedia.InsertMedia', body);
    assert.equal(response.status, 400, JSON.stringify(body));
    assert.equal((await response.json()).error, 'bad_value');
  }
});

async function login(UserName, Password) {
  return fetch(`${platform.origin}/redfish/v1/SessionService/Sessions`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ UserName, Password }),
  });
}

function token(value) {
  return { 'X-Auth-Token': value };
}

test('SessionService: a login gives X-Auth-Token and Location, the session works, is listed, and DELETE logs out', async () => {
  const service = await get('/redfish/v1/SessionService');
  validate(service, 'SessionService.v1_1_8');
  assert.equal(service.ServiceEnabled, true);

  const created = await login(ADMIN, ADMIN_PASSWORD);
  assert.equal(created.status, 201);
  const secret = created.headers.get('x-auth-token');
  const location = created.headers.get('location');
  assert.ok(secret && secret.length >= 32, 'a session token');
  assert.match(location, /^\/redfish\/v1\/SessionService\/Sessions\/[0-9a-f]+$/);
  const session = await created.json();
  validate(session, 'Session.v1_0_0');
  assert.equal(session['@odata.id'], location);
  assert.equal(session.UserName, ADMIN);
  assert.equal(session.Password, null);

  const system = await fetch(`${platform.origin}/redfish/v1/Systems/1`, { headers: token(secret) });
  assert.equal(system.status, 200);
  validate(await system.json(), 'ComputerSystem.v1_13_0');
  const listed = await (await fetch(`${platform.origin}/redfish/v1/SessionService/Sessions`, { headers: token(secret) })).json();
  validate(listed, 'collection');
  assert.ok(listed.Members.some((m) => m['@odata.id'] === location));
  const own = await fetch(platform.origin + location, { headers: token(secret) });
  assert.equal(own.status, 200);
  validate(await own.json(), 'Session.v1_0_0');

  // A viewer's session reads but may not act, and cannot end the admin's session.
  const viewerLogin = await login('rf-viewer', 'rf-viewer-password');
  assert.equal(viewerLogin.status, 201);
  const viewer = token(viewerLogin.headers.get('x-auth-token'));
  const viewerLocation = viewerLogin.headers.get('location');
  assert.equal((await fetch(`${platform.origin}/redfish/v1/Systems/1`, { headers: viewer })).status, 200);
  const refused = await fetch(`${platform.origin}/redfish/v1/Systems/1/Actions/ComputerSystem.Reset`, {
    method: 'POST', headers: { ...viewer, 'Content-Type': 'application/json' }, body: JSON.stringify({ ResetType: 'ForceOff' }),
  });
  assert.equal(refused.status, 403);
  const viewerList = await (await fetch(`${platform.origin}/redfish/v1/SessionService/Sessions`, { headers: viewer })).json();
  assert.deepEqual(viewerList.Members.map((m) => m['@odata.id']), [viewerLocation], 'a viewer lists only their own session');
  assert.equal((await fetch(platform.origin + location, { headers: viewer })).status, 404);
  assert.equal((await fetch(platform.origin + location, { method: 'DELETE', headers: viewer })).status, 404);
  assert.equal((await fetch(`${platform.origin}/redfish/v1/Systems/1`, { headers: token(secret) })).status, 200, 'still logged in');
  assert.equal((await fetch(platform.origin + viewerLocation, { method: 'DELETE', headers: viewer })).status, 204);
  assert.equal((await fetch(`${platform.origin}/redfish/v1/Systems/1`, { headers: viewer })).status, 401);

  const out = await fetch(platform.origin + location, { method: 'DELETE', headers: token(secret) });
  assert.equal(out.status, 204);
  const after = await fetch(`${platform.origin}/redfish/v1/Systems/1`, { headers: token(secret) });
  assert.equal(after.status, 401, 'the token ends with the session');
  assert.equal((await after.json()).error, 'unauthorized');
});

test('session logins and basic credentials share the login limiter; bad bodies are 400', async () => {
  for (const body of ['', '{"UserName":"x"}', '[1]', 'not json']) {
    const response = await fetch(`${platform.origin}/redfish/v1/SessionService/Sessions`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body,
    });
    assert.equal(response.status, 400, body);
  }
  const made = await platform.request('POST', '/api/users', { username: 'rf-limited', password: 'rf-limited-password', role: 'viewer' });
  assert.equal(made.status, 201);
  // Five failures of the same user at this address (the default loginFailureLimit), mixed between
  // the two ways in: the sixth attempt is refused with 429 even with the right password, both ways.
  for (let i = 0; i < 3; i++) {
    assert.equal((await redfish('GET', '/redfish/v1', undefined, basic('rf-limited', `wrong-${i}`))).status, 401);
  }
  for (let i = 0; i < 2; i++) {
    const wrong = await login('rf-limited', `wrong-again-${i}`);
    assert.equal(wrong.status, 401);
    assert.equal((await wrong.json()).error, 'bad_credentials');
  }
  const limited = await login('rf-limited', 'rf-limited-password');
  assert.equal(limited.status, 429);
  assert.equal((await limited.json()).error, 'rate_limited');
  const limitedBasic = await redfish('GET', '/redfish/v1', undefined, basic('rf-limited', 'rf-limited-password'));
  assert.equal(limitedBasic.status, 429);
});
