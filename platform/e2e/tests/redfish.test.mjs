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

// Required properties (and their JSON types) of the DMTF schemas, by the version each resource names:
// ServiceRoot.v1_5_0, ComputerSystem.v1_13_0, Manager.v1_10_0, VirtualMedia.v1_3_0, the collections
// (Resource.v1 "required": @odata.id, @odata.type, Id, Name; collections: Members, Members@odata.count,
// @odata.id, @odata.type, Name; ServiceRoot also Links with Links.Sessions).
const RESOURCE = { '@odata.id': 'string', '@odata.type': 'string', Id: 'string', Name: 'string' };
const COLLECTION = { '@odata.id': 'string', '@odata.type': 'string', Name: 'string', Members: 'array', 'Members@odata.count': 'number' };
const SCHEMAS = {
  'ServiceRoot.v1_5_0': { ...RESOURCE, Links: 'object', RedfishVersion: 'string' },
  'ComputerSystem.v1_13_0': { ...RESOURCE, PowerState: 'string', Actions: 'object' },
  'Manager.v1_10_0': { ...RESOURCE, ManagerType: 'string', VirtualMedia: 'object' },
  'VirtualMedia.v1_3_0': { ...RESOURCE, Inserted: 'boolean', WriteProtected: 'boolean', MediaTypes: 'array', ConnectedVia: 'string' },
};
const ENUMS = {
  PowerState: ['On', 'Off', 'PoweringOn', 'PoweringOff', 'Paused'],
  ManagerType: ['ManagementController', 'EnclosureManager', 'BMC', 'RackManager', 'AuxiliaryController', 'Service'],
  ConnectedVia: ['NotConnected', 'URI', 'Applet', 'Oem'],
};

function typeOf(value) {
  return Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
}

function validate(document, schema) {
  const required = document['@odata.type'].includes('Collection') ? COLLECTION : SCHEMAS[schema];
  assert.ok(required, `no schema for ${schema}`);
  if (!document['@odata.type'].includes('Collection')) assert.equal(document['@odata.type'], `#${schema}.${schema.split('.')[0]}`);
  for (const [name, type] of Object.entries(required)) {
    assert.equal(typeOf(document[name]), type, `${document['@odata.id']}: ${name} must be a ${type}`);
  }
  for (const [name, values] of Object.entries(ENUMS)) {
    if (name in document) assert.ok(values.includes(document[name]), `${name} ${document[name]}`);
  }
  if (document.Members) {
    assert.equal(document['Members@odata.count'], document.Members.length);
    for (const member of document.Members) assert.equal(typeof member['@odata.id'], 'string');
  }
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
