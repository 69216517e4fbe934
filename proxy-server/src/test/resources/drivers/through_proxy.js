// The DataStax Node.js driver (cassandra-driver 4.x) as an application uses it, through a Tandem proxy.
//
// Usage: node through_proxy.js HOST PORT KEYSPACE DATACENTER   (cassandra-driver found through NODE_PATH)
//
// The tables (items, collections) and the type (address) exist already in KEYSPACE. Prints one JSON object per
// step on stdout: {"step": name, ...results} or {"step": name, "error": ...}; a failed step does not stop the
// next ones. Client-side timestamps are off, so the proxy picks each write's timestamp.
'use strict';

const cassandra = require('cassandra-driver');

const [host, port, keyspace, dataCenter] = process.argv.slice(2);
const PAGE_SIZE = 7;
const PAGED_ROWS = 50;
const prepare = { prepare: true };

function emit(step, results) {
  console.log(JSON.stringify(Object.assign({ step }, results)));
}

async function run(step, action) {
  try {
    emit(step, (await action()) || {});
  } catch (error) { // every step reports, whatever the previous ones did
    emit(step, { error: String(error), trace: error && error.stack });
  }
}

async function topology(client) {
  const hosts = client.hosts.values();
  const local = (await client.execute('SELECT cluster_name, data_center FROM system.local')).first();
  const peers = await client.execute('SELECT peer FROM system.peers');
  const tables = [];
  for (const name of ['collections', 'items']) {
    if (await client.metadata.getTable(keyspace, name)) tables.push(name);
  }
  const address = await client.metadata.getUdt(keyspace, 'address');
  return {
    protocol_version: client.controlConnection.protocolVersion,
    hosts: hosts.map(h => h.address).sort(),
    datacenters: [...new Set(hosts.map(h => h.datacenter))].sort(),
    local_cluster_name: local.cluster_name,
    local_data_center: local.data_center,
    peers: peers.rowLength,
    tables,
    types: address ? ['address'] : [],
  };
}

async function simple(client) {
  await client.execute("INSERT INTO items (k, c, v) VALUES (1, 1, 'simple')");
  // unprepared, the driver cannot know the types: a JS number goes as a double unless hinted
  await client.execute('UPDATE items SET v = ? WHERE k = ? AND c = ?', ['updated', 1, 5],
      { hints: ['text', 'int', 'int'] });
}

async function prepared(client) {
  await client.execute('INSERT INTO items (k, c, v) VALUES (?, ?, ?)', [1, 2, 'prepared'], prepare);
  const read = await client.execute('SELECT v FROM items WHERE k = ? AND c = ?', [1, 2], prepare);
  return { read: read.first().v };
}

async function batch(client) {
  await client.batch([
    { query: 'INSERT INTO items (k, c, v) VALUES (?, ?, ?)', params: [1, 3, 'batch-prepared'] },
    { query: 'INSERT INTO items (k, c, v) VALUES (?, ?, ?)', params: [1, 4, 'batch-simple'] },
  ], { prepare: true, logged: true });
}

async function collections(client) {
  await client.execute("INSERT INTO collections (k, l, s, m, a, v) VALUES (1, ['a', 'b'], {1, 2}, {'x': 1}, "
      + "{street: 'simple street', zip: 1000}, 'simple')");
  await client.execute('INSERT INTO collections (k, l, s, m, a, v) VALUES (?, ?, ?, ?, ?, ?)',
      [2, ['c', 'd', 'c'], [3, 4], { y: 2, z: 3 }, { street: 'prepared street', zip: 2000 }, 'prepared'], prepare);
  const rows = await client.execute('SELECT k, l, s, m, a FROM collections WHERE k IN (1, 2)', [], prepare);
  return {
    rows: rows.rows.map(row => ({ k: row.k, l: row.l, s: [...row.s].sort(), m: row.m, a: { ...row.a } })),
  };
}

async function lwt(client) {
  const first = await client.execute("INSERT INTO items (k, c, v) VALUES (3, 1, 'first') IF NOT EXISTS");
  const second = await client.execute("INSERT INTO items (k, c, v) VALUES (3, 1, 'second') IF NOT EXISTS");
  return { first_applied: first.wasApplied(), second_applied: second.wasApplied(), second_saw: second.first().v };
}

async function paging(client) {
  for (let c = 0; c < PAGED_ROWS; c++) {
    await client.execute('INSERT INTO items (k, c, v) VALUES (4, ?, ?)', [c, `row ${c}`], prepare);
  }
  return {
    simple: await pages(client, 'SELECT c FROM items WHERE k = 4', [], {}),
    prepared: await pages(client, 'SELECT c FROM items WHERE k = ?', [4], prepare),
  };
}

async function pages(client, query, params, options) {
  const sizes = [];
  const seen = [];
  let pageState;
  do {
    const page = await client.execute(query, params, Object.assign({ fetchSize: PAGE_SIZE, pageState }, options));
    sizes.push(page.rowLength);
    seen.push(...page.rows.map(row => row.c));
    pageState = page.pageState;
  } while (pageState);
  return { rows: seen.length, distinct: new Set(seen).size, pages: sizes.length, largest_page: Math.max(...sizes) };
}

async function readBack(client) {
  const rows = await client.execute('SELECT c, v FROM items WHERE k = 1');
  return { rows: rows.rows.map(row => [row.c, row.v]) };
}

async function main() {
  const client = new cassandra.Client({
    contactPoints: [host],
    localDataCenter: dataCenter,
    keyspace,
    protocolOptions: { port: Number(port) },
    socketOptions: { connectTimeout: 10000, readTimeout: 15000 },
    queryOptions: { consistency: cassandra.types.consistencies.localQuorum },
    policies: { timestampGeneration: null }, // the proxy picks the write time
  });
  try {
    await client.connect();
    await run('topology', () => topology(client));
    const steps = { simple, prepared, batch, collections, lwt, paging, read_back: readBack };
    for (const [name, step] of Object.entries(steps)) {
      await run(name, () => step(client));
    }
  } finally {
    await client.shutdown();
  }
}

main().catch(error => {
  console.error(error && error.stack);
  process.exit(1);
});
