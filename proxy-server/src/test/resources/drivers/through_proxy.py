"""The DataStax Python driver as an application uses it, through a Tandem proxy.

Usage: through_proxy.py HOST PORT KEYSPACE DATACENTER

The tables (items, collections) and the type (address) exist already in KEYSPACE. Prints one JSON object per
step on stdout: {"step": name, ...results} or {"step": name, "error": ...}; a failed step does not stop the
next ones. Client-side timestamps are off, so the proxy picks each write's timestamp.
"""
import json
import sys
import traceback

from cassandra import ConsistencyLevel
from cassandra.cluster import EXEC_PROFILE_DEFAULT, Cluster, ExecutionProfile
from cassandra.policies import DCAwareRoundRobinPolicy, TokenAwarePolicy
from cassandra.query import BatchStatement, BatchType, SimpleStatement, dict_factory

PAGE_SIZE = 7
PAGED_ROWS = 50


def emit(step, **results):
    print(json.dumps(dict(step=step, **results), sort_keys=True), flush=True)


def run(step, action):
    try:
        emit(step, **(action() or {}))
    except Exception as error:  # every step reports, whatever the previous ones did
        emit(step, error=repr(error), trace=traceback.format_exc())


def topology(cluster, session):
    hosts = cluster.metadata.all_hosts()
    local = session.execute("SELECT cluster_name, data_center FROM system.local").one()
    keyspace = cluster.metadata.keyspaces[KEYSPACE]
    return dict(
        protocol_version=cluster.protocol_version,
        hosts=sorted("%s:%d" % (host.endpoint.address, host.endpoint.port) for host in hosts),
        datacenters=sorted({host.datacenter for host in hosts}),
        cluster_name=cluster.metadata.cluster_name,
        local_cluster_name=local["cluster_name"],
        local_data_center=local["data_center"],
        peers=len(list(session.execute("SELECT peer FROM system.peers"))),
        tables=sorted(keyspace.tables),
        types=sorted(keyspace.user_types))


def simple(session):
    session.execute("INSERT INTO items (k, c, v) VALUES (1, 1, 'simple')")
    session.execute("UPDATE items SET v = %s WHERE k = %s AND c = %s", ("updated", 1, 5))


def prepared(session):
    insert = session.prepare("INSERT INTO items (k, c, v) VALUES (?, ?, ?)")
    session.execute(insert, (1, 2, "prepared"))
    select = session.prepare("SELECT v FROM items WHERE k = ? AND c = ?")
    return dict(read=session.execute(select, (1, 2)).one()["v"])


def batch(session):
    insert = session.prepare("INSERT INTO items (k, c, v) VALUES (?, ?, ?)")
    logged = BatchStatement(batch_type=BatchType.LOGGED)
    logged.add(insert, (1, 3, "batch-prepared"))
    logged.add(SimpleStatement("INSERT INTO items (k, c, v) VALUES (%s, %s, %s)"), (1, 4, "batch-simple"))
    session.execute(logged)


def collections(session):
    session.execute("INSERT INTO collections (k, l, s, m, a, v) VALUES (1, ['a', 'b'], {1, 2}, {'x': 1}, "
                    "{street: 'simple street', zip: 1000}, 'simple')")
    insert = session.prepare("INSERT INTO collections (k, l, s, m, a, v) VALUES (?, ?, ?, ?, ?, ?)")
    session.execute(insert, (2, ["c", "d", "c"], {3, 4}, {"y": 2, "z": 3}, ("prepared street", 2000), "prepared"))
    select = session.prepare("SELECT k, l, s, m, a FROM collections WHERE k IN (1, 2)")
    return dict(rows=[dict(k=row["k"], l=row["l"], s=sorted(row["s"]), m=dict(row["m"]), a=row["a"])
                      for row in session.execute(select)])


def lwt(session):
    first = session.execute("INSERT INTO items (k, c, v) VALUES (3, 1, 'first') IF NOT EXISTS")
    second = session.execute("INSERT INTO items (k, c, v) VALUES (3, 1, 'second') IF NOT EXISTS")
    return dict(first_applied=first.was_applied, second_applied=second.was_applied,
                second_saw=second.one()["v"])


def paging(session):
    insert = session.prepare("INSERT INTO items (k, c, v) VALUES (4, ?, ?)")
    for c in range(PAGED_ROWS):
        session.execute(insert, (c, "row %d" % c))
    simple_read = SimpleStatement("SELECT c FROM items WHERE k = 4", fetch_size=PAGE_SIZE)
    bound_read = session.prepare("SELECT c FROM items WHERE k = ?").bind((4,))
    bound_read.fetch_size = PAGE_SIZE
    return dict(simple=pages(session.execute(simple_read)), prepared=pages(session.execute(bound_read)))


def pages(result):
    sizes = [len(result.current_rows)]
    seen = [row["c"] for row in result.current_rows]
    while result.has_more_pages:
        result.fetch_next_page()
        sizes.append(len(result.current_rows))
        seen.extend(row["c"] for row in result.current_rows)
    return dict(rows=len(seen), distinct=len(set(seen)), pages=len(sizes), largest_page=max(sizes))


def read_back(session):
    rows = session.execute("SELECT c, v FROM items WHERE k = 1")
    return dict(rows=[[row["c"], row["v"]] for row in rows])


def main():
    profile = ExecutionProfile(load_balancing_policy=TokenAwarePolicy(DCAwareRoundRobinPolicy(local_dc=DATACENTER)),
                               consistency_level=ConsistencyLevel.LOCAL_QUORUM, request_timeout=15,
                               row_factory=dict_factory)
    cluster = Cluster([HOST], port=PORT, execution_profiles={EXEC_PROFILE_DEFAULT: profile}, connect_timeout=10)
    cluster.register_user_type(KEYSPACE, "address", dict)
    try:
        session = cluster.connect(KEYSPACE)
        session.use_client_timestamp = False  # the proxy picks the write time
        run("topology", lambda: topology(cluster, session))
        for step in (simple, prepared, batch, collections, lwt, paging, read_back):
            run(step.__name__, lambda: step(session))
    finally:
        cluster.shutdown()


if __name__ == "__main__":
    HOST, PORT, KEYSPACE, DATACENTER = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    main()
