# Declarations that Zeek's bare mode provides and scripts rely on (written for zeekling).

type string_vec: vector of string;

## Maps a string to another (from_json's key_func).
type string_mapper: function(s: string): string;

## from_json's default key_func: names stay as they are.
function from_json_default_key_mapper(s: string): string
	{
	return s;
	}

## Where a connection lives (extended by scripts that separate networks, e.g. VLANs).
type conn_id_ctx: record { };

## A connection's endpoints; the transport protocol is in the ports (and in proto).
type conn_id: record {
	orig_h: addr &log;
	orig_p: port &log;
	resp_h: addr &log;
	resp_p: port &log;
	proto: count &default=65535;
	ctx: conn_id_ctx &log &default=conn_id_ctx();
};

## A one-directional flow's endpoints.
type flow_id: record {
	src_h: addr;
	src_p: port;
	dst_h: addr;
	dst_p: port;
} &log;

## An attribute of a script-level identifier, as global_ids() shows it.
type script_id_attr: record {
	name: string;
	expr: string &optional;
};
type script_id_attrs: vector of script_id_attr;

## What global_ids() knows of a script-level identifier.
type script_id: record {
	type_name: string;
	exported: bool;
	constant: bool;
	enum_constant: bool;
	option_value: bool;
	redefinable: bool;
	broker_backend: bool;
	value: any &optional;
	attributes: script_id_attrs &optional;
};
type id_table: table[string] of script_id;

## One argument of a call in a backtrace.
type call_argument: record {
	name: string;
	type_name: string;
	default_val: any &optional;
	value: any &optional;
};
type call_argument_vector: vector of call_argument;

## One function of a backtrace, with where it was called from (unset for events).
type BacktraceElement: record {
	function_name: string;
	function_args: call_argument_vector;
	file_location: string &optional;
	line_location: count &optional;
};
type Backtrace: vector of BacktraceElement;

## Called for a failing assert (break: no error report); and for every assert.
global assertion_failure: hook(cond: string, msg: string, bt: Backtrace);
global assertion_result: hook(result: bool, cond: string, msg: string, bt: Backtrace);

## What from_json returns: the value when valid, else why not.
type from_json_result: record {
	v: any &optional;
	valid: bool;
	err: string &optional;
};
type string_array: table[count] of string;
type string_set: set[string];
type addr_set: set[addr];
type addr_vec: vector of addr;
type count_set: set[count];
type index_vec: vector of count;
type subnet_vec: vector of subnet;
type subnet_set: set[subnet];
type string_any_table: table[string] of any;
type int_vec: vector of int;
type double_vec: vector of double;
type any_vec: vector of any;
type interval_set: set[interval];
type table_string_of_string: table[string] of string;
type table_string_of_count: table[string] of count;

type transport_proto: enum { unknown_transport, tcp, udp, icmp };

type TableChange: enum { TABLE_ELEMENT_NEW, TABLE_ELEMENT_CHANGED, TABLE_ELEMENT_REMOVED, TABLE_ELEMENT_EXPIRED };

type record_field: record {
	type_name: string;
	log: bool;
	value: any &optional;
	default_val: any &optional;
	optional: bool;
};
type record_field_table: table[string] of record_field;

type sw_params: record {
	min_strlen: count &default = 3;
	sw_variant: count &default = 0;
};
type sw_align: record {
	str: string;
	index: count;
};
type sw_align_vec: vector of sw_align;
type sw_substring: record {
	str: string;
	aligns: sw_align_vec;
	new: bool;
};
type sw_substring_vec: vector of sw_substring;

type ftp_port: record {
	h: addr;
	p: port;
	valid: bool;
};

type entropy_test_result: record {
	entropy: double;
	chi_square: double;
	mean: double;
	monte_carlo_pi: double;
	serial_correlation: double;
};

type rotate_info: record {
	old_name: string;
	new_name: string;
	open: time;
	close: time;
};

global exit_only_after_terminate = F &redef;
global table_expire_interval = 10 secs &redef;
global table_expire_delay = 0.01 secs &redef;
global table_incremental_step = 5000 &redef;
global max_timer_expires = 300 &redef;
global zeek_init: event();
global zeek_done: event();
global zeek_script_loaded: event(path: string, level: count);

module Supervisor;

export {
	## The part a node plays in a cluster layout.
	type ClusterRole: enum {
		NONE,
		LOGGER,
		MANAGER,
		PROXY,
		WORKER,
	};

	## One entry of a node's cluster layout.
	type ClusterEndpoint: record {
		role: ClusterRole;
		host: addr;
		p: port;
		interface: string &optional;
		pcap_file: string &optional;
		metrics_port: port &optional;
	};

	## How the supervisor starts a node (see base/frameworks/supervisor).
	type NodeConfig: record {
		name: string;
		interface: string &optional;
		pcap_file: string &optional;
		directory: string &optional;
		stdout_file: string &optional;
		stderr_file: string &optional;
		bare_mode: bool &optional;
		addl_base_scripts: vector of string &default = vector();
		addl_user_scripts: vector of string &default = vector();
		env: table[string] of string &default=table();
		cpu_affinity: int &optional;
		cluster: table[string] of ClusterEndpoint &default=table();
	};

	## A node's configuration and the pid it last reported.
	type NodeStatus: record {
		node: NodeConfig;
		pid: int &optional;
	};

	## What `Supervisor::status` returns: nodes by name.
	type Status: record {
		nodes: table[string] of NodeStatus;
	};
}

module GLOBAL;

module Broker;

export {
	## Where a peer is.
	type NetworkInfo: record {
		address: string &log;
		bound_port: port &log;
	};

	## A peer: its endpoint id and, when known, where it is.
	type EndpointInfo: record {
		id: string;
		network: NetworkInfo &optional;
	};

	## An event made by Broker::make_event, to publish later.
	type Event: record {
		name: string &optional;
		args: vector of any;
	};

	## Kinds of errors reported through Broker::error.
	type ErrorCode: enum {
		NO_ERROR,
		UNSPECIFIED,
		PEER_INCOMPATIBLE,
		PEER_INVALID,
		PEER_UNAVAILABLE,
		PEER_DISCONNECT_DURING_HANDSHAKE,
		PEER_TIMEOUT,
		MASTER_EXISTS,
		NO_SUCH_MASTER,
		NO_SUCH_KEY,
		REQUEST_TIMEOUT,
		TYPE_CLASH,
		INVALID_DATA,
		BACKEND_FAILURE,
		STALE_DATA,
		CANNOT_OPEN_FILE,
		CANNOT_WRITE_FILE,
		INVALID_TOPIC_KEY,
		END_OF_FILE,
		INVALID_TAG,
		INVALID_STATUS,
		CAF_ERROR,
	};
}

module GLOBAL;
