-- Wireshark / tshark dissector of the homeagent peer link, version 1 (docs/protocols.md, "Peer link"),
-- and of the payloads of its service 1, the group binding sync, version 2 (docs/protocols.md,
-- "Group binding sync"; protocol "hagroup"), of its service 2, the HA control node, version 1
-- ("Control node"; protocol "hacn"), and of service 3, the PHA/SHA delegation, version 1
-- ("Delegation"; protocol "hadeleg", Load Report type 6 and Batch type 7 included).
--
--   tshark -X lua_script:tools/wireshark/homeagent-peer.lua -r capture.pcap -V
--   wireshark -X lua_script:tools/wireshark/homeagent-peer.lua
--
-- Registered on UDP port 7434 (the link's default); another port with Decode As ("HAPEER") or
-- tshark -d udp.port==<port>,hapeer. It shows every field with its offset; it does not check the
-- HMAC (it has no key), and flags as expert errors what the link itself would drop as malformed,
-- and what the group member would drop as a malformed sync payload. The preference
-- hapeer.group_sync (tshark -o hapeer.group_sync:FALSE) leaves service 1 payloads as bytes, for
-- traffic that carries other payloads on service 1 (the link's own test).

local hapeer = Proto("hapeer", "homeagent peer link")

local MAGIC = 0x4850
local HEADER_LENGTH = 32
local HMAC_LENGTH = 32
local RECORD_HEADER_LENGTH = 4
local DATA_FIXED_LENGTH = 10
local ACK_BODY_LENGTH = 16
local DEFAULT_PORT = 7434

local record_types = { [1] = "data", [2] = "ack" }
local services = { [0] = "reserved", [1] = "group binding sync", [2] = "HA control node", [3] = "delegation" }

local f = {
    magic = ProtoField.uint16("hapeer.magic", "Magic", base.HEX),
    version = ProtoField.uint8("hapeer.version", "Version", base.DEC),
    flags = ProtoField.uint8("hapeer.flags", "Flags", base.HEX),
    group = ProtoField.uint32("hapeer.group", "Group id", base.DEC),
    node = ProtoField.uint32("hapeer.node", "Sender node id", base.DEC),
    epoch = ProtoField.uint64("hapeer.epoch", "Sender epoch", base.DEC),
    seq = ProtoField.uint64("hapeer.seq", "Datagram sequence", base.DEC),
    key_id = ProtoField.uint16("hapeer.key_id", "Key id", base.DEC),
    record_count = ProtoField.uint16("hapeer.record_count", "Record count", base.DEC),
    record = ProtoField.none("hapeer.record", "Record"),
    record_type = ProtoField.uint8("hapeer.record.type", "Type", base.DEC, record_types),
    record_flags = ProtoField.uint8("hapeer.record.flags", "Flags", base.HEX),
    ack_requested = ProtoField.bool("hapeer.record.ack_requested", "Acknowledge me", 8, nil, 0x01),
    record_length = ProtoField.uint16("hapeer.record.length", "Body length", base.DEC),
    service = ProtoField.uint16("hapeer.data.service", "Service", base.DEC, services),
    msg_seq = ProtoField.uint64("hapeer.data.msg_seq", "Message sequence", base.DEC),
    payload = ProtoField.bytes("hapeer.data.payload", "Payload"),
    ack_epoch = ProtoField.uint64("hapeer.ack.epoch", "Acknowledged epoch", base.DEC),
    ack_msg_seq = ProtoField.uint64("hapeer.ack.msg_seq", "Acknowledged message sequence", base.DEC),
    hmac = ProtoField.bytes("hapeer.hmac", "HMAC-SHA-256"),
}
hapeer.fields = f

local e_short = ProtoExpert.new("hapeer.short", "Shorter than header and HMAC", expert.group.MALFORMED, expert.severity.ERROR)
local e_version = ProtoExpert.new("hapeer.version.unknown", "Unknown version: the link drops it", expert.group.MALFORMED, expert.severity.ERROR)
local e_record = ProtoExpert.new("hapeer.record.bad", "Bad record: the link drops the datagram", expert.group.MALFORMED, expert.severity.ERROR)
local e_trailing = ProtoExpert.new("hapeer.trailing", "Bytes after the last record", expert.group.MALFORMED, expert.severity.ERROR)
hapeer.experts = { e_short, e_version, e_record, e_trailing }

-- Group binding sync (service 1 payloads), docs/protocols.md "Group binding sync"
local hagroup = Proto("hagroup", "homeagent group binding sync")

local SYNC_VERSION = 2
local BINDING_FIXED_LENGTH = 42
local MEMBER_LENGTH = 11
local sync_types = { [1] = "state change", [2] = "learn request", [3] = "learn chunk", [4] = "not initialized",
    [5] = "member announce", [6] = "repair request", [7] = "re-learn" }
local member_states = { [1] = "init", [2] = "learn", [3] = "standby", [4] = "active", [5] = "passive" }
local removal_reasons = { [0] = "none", [1] = "deregistered", [2] = "expired", [3] = "replaced", [4] = "cleared" }
local encapsulations = { [0] = "IP in IP", [1] = "minimal", [2] = "GRE", [3] = "UDP" }

local g = {
    version = ProtoField.uint8("hagroup.version", "Version", base.DEC),
    type = ProtoField.uint8("hagroup.type", "Type", base.DEC, sync_types),
    term = ProtoField.uint64("hagroup.term", "Term", base.DEC),
    seq = ProtoField.uint64("hagroup.seq", "Sequence", base.DEC),
    home = ProtoField.ipv4("hagroup.home", "Home address"),
    removal = ProtoField.uint8("hagroup.removal", "Removal reason", base.DEC, removal_reasons),
    binding_count = ProtoField.uint16("hagroup.binding_count", "Bindings", base.DEC),
    node = ProtoField.uint32("hagroup.node", "Node id", base.DEC),
    request_id = ProtoField.uint32("hagroup.request_id", "Request id", base.DEC),
    chunk_index = ProtoField.uint32("hagroup.chunk.index", "Chunk index", base.DEC),
    chunk_count = ProtoField.uint32("hagroup.chunk.count", "Chunk count", base.DEC),
    state = ProtoField.uint8("hagroup.state", "Member state", base.DEC, member_states),
    member_count = ProtoField.uint16("hagroup.member_count", "Members", base.DEC),
    member = ProtoField.none("hagroup.member", "Member"),
    member_node = ProtoField.uint32("hagroup.member.node", "Node id", base.DEC),
    member_address = ProtoField.ipv4("hagroup.member.address", "Address"),
    member_port = ProtoField.uint16("hagroup.member.port", "UDP port", base.DEC),
    member_state = ProtoField.uint8("hagroup.member.state", "State", base.DEC, member_states),
    first = ProtoField.uint64("hagroup.first", "First sequence", base.DEC),
    last = ProtoField.uint64("hagroup.last", "Last sequence", base.DEC),
    binding = ProtoField.none("hagroup.binding", "Binding"),
    b_home = ProtoField.ipv4("hagroup.binding.home", "Home address"),
    b_care_of = ProtoField.ipv4("hagroup.binding.care_of", "Care-of address"),
    b_home_agent = ProtoField.ipv4("hagroup.binding.home_agent", "Home agent address"),
    b_source = ProtoField.ipv4("hagroup.binding.source", "Request source address"),
    b_source_port = ProtoField.uint16("hagroup.binding.source_port", "Request source port", base.DEC),
    b_granted = ProtoField.uint32("hagroup.binding.granted", "Granted lifetime (s)", base.DEC),
    b_remaining = ProtoField.uint32("hagroup.binding.remaining", "Remaining lifetime (s; 4294967295 never expires)",
        base.DEC),
    b_age = ProtoField.uint32("hagroup.binding.age", "Age (s)", base.DEC),
    b_identification = ProtoField.uint64("hagroup.binding.identification", "Identification", base.HEX),
    b_flags = ProtoField.uint8("hagroup.binding.flags", "Flags (S B D M G r T x)", base.HEX),
    b_encapsulation = ProtoField.uint8("hagroup.binding.encapsulation", "Encapsulation", base.DEC, encapsulations),
    b_reverse = ProtoField.uint8("hagroup.binding.reverse_tunnel", "Reverse tunnel", base.DEC),
    b_nai_length = ProtoField.uint8("hagroup.binding.nai_length", "NAI length", base.DEC),
    b_nai = ProtoField.string("hagroup.binding.nai", "NAI", base.UNICODE),
}
hagroup.fields = g

local e_sync = ProtoExpert.new("hagroup.malformed", "Malformed group sync payload: the member drops it",
    expert.group.MALFORMED, expert.severity.ERROR)
hagroup.experts = { e_sync }

-- A sync payload the member would drop; raised by the readers below, caught in dissect_sync.
local Malformed = {}

local function need(range, offset, length, what)
    if offset + length > range:len() then
        error({ malformed = Malformed, text = "truncated in " .. what })
    end
end

local function bad(text)
    error({ malformed = Malformed, text = text })
end

local function add_state(tree, field, range)
    if member_states[range:uint()] == nil then
        bad("member state " .. range:uint())
    end
    tree:add(field, range)
end

-- one binding record at offset; returns the offset after it
local function binding(range, tree, offset, home)
    need(range, offset, BINDING_FIXED_LENGTH, "a binding record")
    local nai_length = range(offset + 41, 1):uint()
    need(range, offset, BINDING_FIXED_LENGTH + nai_length, "a binding's NAI")
    local item = tree:add(g.binding, range(offset, BINDING_FIXED_LENGTH + nai_length))
    item:add(g.b_home, range(offset, 4))
    item:add(g.b_care_of, range(offset + 4, 4))
    item:add(g.b_home_agent, range(offset + 8, 4))
    item:add(g.b_source, range(offset + 12, 4))
    item:add(g.b_source_port, range(offset + 16, 2))
    item:add(g.b_granted, range(offset + 18, 4))
    item:add(g.b_remaining, range(offset + 22, 4))
    item:add(g.b_age, range(offset + 26, 4))
    item:add(g.b_identification, range(offset + 30, 8))
    item:add(g.b_flags, range(offset + 38, 1))
    item:add(g.b_encapsulation, range(offset + 39, 1))
    item:add(g.b_reverse, range(offset + 40, 1))
    item:add(g.b_nai_length, range(offset + 41, 1))
    local nai = ""
    if nai_length > 0 then
        item:add(g.b_nai, range(offset + 42, nai_length))
        nai = ", NAI " .. range(offset + 42, nai_length):string()
    end
    if range(offset + 18, 4):uint() > 0x7FFFFFFF or range(offset + 39, 1):uint() > 3 or range(offset + 40, 1):uint() > 1 then
        bad("binding record of " .. tostring(range(offset, 4):ipv4()))
    end
    if home ~= nil and range(offset, 4):uint() ~= home then
        bad("a binding of another home address in a state change")
    end
    local remaining = range(offset + 22, 4):uint()
    item:set_text(string.format("Binding %s care-of %s, %s%s", tostring(range(offset, 4):ipv4()),
        tostring(range(offset + 4, 4):ipv4()), remaining == 0xFFFFFFFF and "never expires" or (remaining .. " s left"),
        nai))
    return offset + BINDING_FIXED_LENGTH + nai_length
end

local function range_message(range, tree, what)
    need(range, 2, 24, what)
    tree:add(g.term, range(2, 8))
    tree:add(g.first, range(10, 8))
    tree:add(g.last, range(18, 8))
    local first, last = range(10, 8):uint64(), range(18, 8):uint64()
    if first < UInt64(1) or last < first then
        bad("sequence range " .. tostring(first) .. "-" .. tostring(last))
    end
    return 26, string.format("%s %s-%s of term %s", what, tostring(first), tostring(last), tostring(range(2, 8):uint64()))
end

-- the body after version and type; returns the offset after the message and a summary
local function sync_body(range, tree, mtype)
    if mtype == 1 then
        need(range, 2, 22, "a state change")
        tree:add(g.term, range(2, 8))
        tree:add(g.seq, range(10, 8))
        tree:add(g.home, range(18, 4))
        tree:add(g.removal, range(22, 1))
        tree:add(g.binding_count, range(23, 1))
        if range(22, 1):uint() > 4 then
            bad("removal reason " .. range(22, 1):uint())
        end
        local offset = 24
        for _ = 1, range(23, 1):uint() do
            offset = binding(range, tree, offset, range(18, 4):uint())
        end
        return offset, string.format("state change t%s #%s %s: %d bindings", tostring(range(2, 8):uint64()),
            tostring(range(10, 8):uint64()), tostring(range(18, 4):ipv4()), range(23, 1):uint())
    elseif mtype == 2 then
        need(range, 2, 8, "a learn request")
        tree:add(g.node, range(2, 4))
        tree:add(g.request_id, range(6, 4))
        return 10, string.format("learn request of node %d", range(2, 4):uint())
    elseif mtype == 3 then
        need(range, 2, 31, "a learn chunk") -- up to the member count
        tree:add(g.request_id, range(2, 4))
        tree:add(g.chunk_index, range(6, 4))
        tree:add(g.chunk_count, range(10, 4))
        local index, count = range(6, 4):uint(), range(10, 4):uint()
        if count == 0 or count > 0x7FFFFFFF or index >= count then
            bad("chunk " .. index .. " of " .. count)
        end
        add_state(tree, g.state, range(14, 1))
        tree:add(g.term, range(15, 8))
        tree:add(g.seq, range(23, 8))
        tree:add(g.member_count, range(31, 2))
        local offset = 33
        for _ = 1, range(31, 2):uint() do
            need(range, offset, MEMBER_LENGTH, "a member")
            local item = tree:add(g.member, range(offset, MEMBER_LENGTH))
            item:add(g.member_node, range(offset, 4))
            item:add(g.member_address, range(offset + 4, 4))
            item:add(g.member_port, range(offset + 8, 2))
            add_state(item, g.member_state, range(offset + 10, 1))
            item:set_text(string.format("Member node %d at %s:%d", range(offset, 4):uint(),
                tostring(range(offset + 4, 4):ipv4()), range(offset + 8, 2):uint()))
            offset = offset + MEMBER_LENGTH
        end
        need(range, offset, 2, "a learn chunk")
        tree:add(g.binding_count, range(offset, 2))
        local bindings = range(offset, 2):uint()
        offset = offset + 2
        for _ = 1, bindings do
            offset = binding(range, tree, offset, nil)
        end
        return offset, string.format("learn chunk %d/%d t%s: %d bindings", index + 1, count,
            tostring(range(15, 8):uint64()), bindings)
    elseif mtype == 4 then
        need(range, 2, 4, "a not initialized answer")
        tree:add(g.request_id, range(2, 4))
        return 6, "not initialized"
    elseif mtype == 5 then
        need(range, 2, 9, "a member announce")
        add_state(tree, g.state, range(2, 1))
        tree:add(g.term, range(3, 8))
        return 11, string.format("announce %s t%s", member_states[range(2, 1):uint()], tostring(range(3, 8):uint64()))
    elseif mtype == 6 then
        return range_message(range, tree, "repair request")
    elseif mtype == 7 then
        return range_message(range, tree, "re-learn")
    end
    bad("type " .. mtype)
end

-- one service 1 payload; returns a short summary for the info column
local function dissect_sync(range, parent)
    local tree = parent:add(hagroup, range)
    if range:len() < 2 then
        tree:add_proto_expert_info(e_sync, "truncated")
        return "malformed"
    end
    tree:add(g.version, range(0, 1))
    if range(0, 1):uint() ~= SYNC_VERSION then
        tree:add_proto_expert_info(e_sync, "version " .. range(0, 1):uint())
        return "malformed"
    end
    tree:add(g.type, range(1, 1))
    local ok, result, summary = pcall(sync_body, range, tree, range(1, 1):uint())
    if not ok then
        if type(result) == "table" and result.malformed == Malformed then
            tree:add_proto_expert_info(e_sync, result.text)
            return "malformed"
        end
        error(result)
    end
    if result < range:len() then
        tree:add_proto_expert_info(e_sync, (range:len() - result) .. " bytes after the message")
        return "malformed"
    end
    tree:append_text(": " .. summary)
    return summary
end

-- HA control node (service 2 payloads), docs/protocols.md "Control node"; protocol "hacn". Self-contained:
-- its own fields, binding record (43 bytes plus the NAI, not the group sync's 42) and checks, which
-- mirror bundles/hacn's HacnCodec: what it would drop as malformed is an expert error here.
local hacn = Proto("hacn", "homeagent HA control node")

local HACN_VERSION = 1
local HACN_BINDING_FIXED_LENGTH = 43
local hacn_types = { [1] = "forwarded request", [2] = "forwarded reply", [3] = "change report", [4] = "heartbeat",
    [5] = "poll", [6] = "poll answer", [7] = "failing interrupt", [8] = "snapshot request", [9] = "snapshot chunk",
    [10] = "activate", [11] = "stand by", [12] = "replica home", [13] = "replica HA", [14] = "learn request",
    [15] = "learn summary", [16] = "serve held" }
local hacn_states = { [0] = "unknown", [1] = "active", [2] = "suspect", [3] = "standing-by", [4] = "receiving",
    [5] = "switching-over", [6] = "failed", [7] = "rejoining" }
local hacn_roles = { [0] = "active", [1] = "standing by", [2] = "activated" }

local h = {
    version = ProtoField.uint8("hacn.version", "Version", base.DEC),
    type = ProtoField.uint8("hacn.type", "Type", base.DEC, hacn_types),
    request_id = ProtoField.uint64("hacn.request_id", "Request id", base.DEC),
    origin = ProtoField.ipv4("hacn.origin", "Origin address"),
    origin_port = ProtoField.uint16("hacn.origin_port", "Origin port", base.DEC),
    arrived = ProtoField.ipv4("hacn.arrived_on", "Arrived on address"),
    arrived_port = ProtoField.uint16("hacn.arrived_on_port", "Arrived on port", base.DEC),
    has_reply = ProtoField.uint8("hacn.has_reply", "Has reply", base.DEC),
    length = ProtoField.uint16("hacn.length", "Length", base.DEC),
    bytes = ProtoField.bytes("hacn.registration", "Registration message"),
    sequence = ProtoField.uint64("hacn.sequence", "Report sequence", base.DEC),
    home = ProtoField.ipv4("hacn.home", "Home address"),
    binding_count = ProtoField.uint16("hacn.binding_count", "Bindings", base.DEC),
    table_size = ProtoField.uint32("hacn.table_bindings", "Bindings in the HA's table", base.DEC),
    role = ProtoField.uint8("hacn.role", "Role", base.DEC, hacn_roles),
    poll_id = ProtoField.uint32("hacn.poll_id", "Poll id", base.DEC),
    reason = ProtoField.string("hacn.reason", "Reason", base.UNICODE),
    transfer = ProtoField.uint32("hacn.transfer", "Transfer id", base.DEC),
    index = ProtoField.uint32("hacn.chunk.index", "Chunk index", base.DEC),
    count = ProtoField.uint32("hacn.chunk.count", "Chunk count", base.DEC),
    chunks = ProtoField.uint32("hacn.chunks", "Chunks", base.DEC),
    successor = ProtoField.uint32("hacn.successor", "Successor HA (0: none)", base.DEC),
    replica_sequence = ProtoField.uint64("hacn.replica_sequence", "Replica sequence", base.DEC),
    node = ProtoField.uint32("hacn.ha", "HA node id", base.DEC),
    agent = ProtoField.none("hacn.agent", "HA"),
    state = ProtoField.uint8("hacn.agent.state", "State", base.DEC, hacn_states),
    agent_flags = ProtoField.uint8("hacn.agent.flags", "Flags (1 redundant, 2 awaiting takeover)", base.HEX),
    active = ProtoField.uint8("hacn.active", "Sender is the active control node", base.DEC),
    agent_count = ProtoField.uint16("hacn.agent_count", "HAs", base.DEC),
    mbr_transfer = ProtoField.uint32("hacn.mbr_transfer", "MBR transfer id (snapshot chunks)", base.DEC),
    binding = ProtoField.none("hacn.binding", "Binding"),
    b_home = ProtoField.ipv4("hacn.binding.home", "Home address"),
    b_care_of = ProtoField.ipv4("hacn.binding.care_of", "Care-of address"),
    b_home_agent = ProtoField.ipv4("hacn.binding.home_agent", "Home agent address"),
    b_source = ProtoField.ipv4("hacn.binding.source", "Request source address"),
    b_source_port = ProtoField.uint16("hacn.binding.source_port", "Request source port", base.DEC),
    b_granted = ProtoField.uint32("hacn.binding.granted", "Granted lifetime (s)", base.DEC),
    b_remaining = ProtoField.uint32("hacn.binding.remaining", "Remaining lifetime (s; 4294967295 never expires)",
        base.DEC),
    b_age = ProtoField.uint32("hacn.binding.age", "Age (s)", base.DEC),
    b_identification = ProtoField.uint64("hacn.binding.identification", "Identification", base.HEX),
    b_flags = ProtoField.uint8("hacn.binding.flags", "Flags (S B D M G r T x)", base.HEX),
    b_encapsulation = ProtoField.uint8("hacn.binding.encapsulation", "Encapsulation", base.DEC, encapsulations),
    b_inner = ProtoField.uint8("hacn.binding.inner", "Inner encapsulation", base.DEC, encapsulations),
    b_reverse = ProtoField.uint8("hacn.binding.reverse_tunnel", "Reverse tunnel", base.DEC),
    b_nai_length = ProtoField.uint8("hacn.binding.nai_length", "NAI length", base.DEC),
    b_nai = ProtoField.string("hacn.binding.nai", "NAI", base.UNICODE),
}
hacn.fields = h

local e_hacn = ProtoExpert.new("hacn.malformed", "Malformed control node payload: the receiver drops it",
    expert.group.MALFORMED, expert.severity.ERROR)
hacn.experts = { e_hacn }

-- one binding record at offset; returns the offset after it
local function hacn_binding(range, tree, offset, home)
    need(range, offset, HACN_BINDING_FIXED_LENGTH, "a binding record")
    local nai_length = range(offset + 42, 1):uint()
    need(range, offset, HACN_BINDING_FIXED_LENGTH + nai_length, "a binding's NAI")
    local item = tree:add(h.binding, range(offset, HACN_BINDING_FIXED_LENGTH + nai_length))
    item:add(h.b_home, range(offset, 4))
    item:add(h.b_care_of, range(offset + 4, 4))
    item:add(h.b_home_agent, range(offset + 8, 4))
    item:add(h.b_source, range(offset + 12, 4))
    item:add(h.b_source_port, range(offset + 16, 2))
    item:add(h.b_granted, range(offset + 18, 4))
    item:add(h.b_remaining, range(offset + 22, 4))
    item:add(h.b_age, range(offset + 26, 4))
    item:add(h.b_identification, range(offset + 30, 8))
    item:add(h.b_flags, range(offset + 38, 1))
    item:add(h.b_encapsulation, range(offset + 39, 1))
    item:add(h.b_inner, range(offset + 40, 1))
    item:add(h.b_reverse, range(offset + 41, 1))
    item:add(h.b_nai_length, range(offset + 42, 1))
    if nai_length > 0 then
        item:add(h.b_nai, range(offset + 43, nai_length))
    end
    local outer, inner = range(offset + 39, 1):uint(), range(offset + 40, 1):uint()
    local inner_ok = (outer == 3 and inner <= 2) or (outer < 3 and inner == 0)
    if range(offset + 18, 4):uint() > 0x7FFFFFFF or outer > 3 or inner > 3 or not inner_ok
            or range(offset + 41, 1):uint() > 1 then
        bad("binding record of " .. tostring(range(offset, 4):ipv4()))
    end
    if home ~= nil and range(offset, 4):uint() ~= home then
        bad("a binding of another home address")
    end
    local remaining = range(offset + 22, 4):uint()
    item:set_text(string.format("Binding %s care-of %s, %s", tostring(range(offset, 4):ipv4()),
        tostring(range(offset + 4, 4):ipv4()), remaining == 0xFFFFFFFF and "never expires" or (remaining .. " s left")))
    return offset + HACN_BINDING_FIXED_LENGTH + nai_length
end

local function hacn_count(range, tree, field, what)
    tree:add(field, range)
    if range:uint() > 0x7FFFFFFF then
        bad(what .. " " .. range:uint())
    end
    return range:uint()
end

local function hacn_role(range, tree)
    tree:add(h.role, range)
    if hacn_roles[range:uint()] == nil then
        bad("role " .. range:uint())
    end
    return hacn_roles[range:uint()]
end

-- an HA's node id (positive)
local function hacn_agent_id(range, tree)
    tree:add(h.node, range)
    if range:uint() == 0 or range:uint() > 0x7FFFFFFF then
        bad("HA " .. range:uint())
    end
    return range:uint()
end

-- an HA's entry of the standby's replicas at offset (10 bytes); returns a short text
local function hacn_agent_entry(range, tree, offset)
    local item = tree:add(h.agent, range(offset, 10))
    local node = hacn_agent_id(range(offset, 4), item)
    item:add(h.state, range(offset + 4, 1))
    local state = hacn_states[range(offset + 4, 1):uint()]
    if state == nil then
        bad("HA " .. node .. " in state " .. range(offset + 4, 1):uint())
    end
    local successor = hacn_count(range(offset + 5, 4), item, h.successor, "count")
    item:add(h.agent_flags, range(offset + 9, 1))
    if range(offset + 9, 1):uint() > 3 then
        bad("HA flags " .. range(offset + 9, 1):uint())
    end
    local text = string.format("HA %d %s%s", node, state, successor > 0 and (" (successor " .. successor .. ")") or "")
    item:set_text(text)
    return text
end

-- a home address and its bindings at offset; returns the offset after them and the count
local function hacn_home_state(range, tree, offset)
    need(range, offset, 5, "a home address's state")
    tree:add(h.home, range(offset, 4))
    tree:add(h.binding_count, range(offset + 4, 1))
    local n = range(offset + 4, 1):uint()
    local next_offset = offset + 5
    for _ = 1, n do
        next_offset = hacn_binding(range, tree, next_offset, range(offset, 4):uint())
    end
    return next_offset, n
end

-- the registration message inside a forwarded request or reply, shown by Wireshark's own MIP dissector
-- where there is one
local has_mip, mip_dissector = pcall(Dissector.get, "mip")

local function registration(range, tree, pinfo)
    tree:add(h.bytes, range)
    if has_mip then
        pcall(Dissector.call, mip_dissector, range:tvb(), pinfo, tree)
    end
end

local function hacn_body(range, tree, mtype, pinfo)
    if mtype == 1 then
        need(range, 2, 22, "a forwarded request")
        tree:add(h.request_id, range(2, 8))
        tree:add(h.origin, range(10, 4))
        tree:add(h.origin_port, range(14, 2))
        tree:add(h.arrived, range(16, 4))
        tree:add(h.arrived_port, range(20, 2))
        tree:add(h.length, range(22, 2))
        local length = range(22, 2):uint()
        need(range, 24, length, "a forwarded request's bytes")
        if length > 0 then
            registration(range(24, length), tree, pinfo)
        end
        return 24 + length, string.format("forwarded request %s from %s:%d", tostring(range(2, 8):uint64()),
            tostring(range(10, 4):ipv4()), range(14, 2):uint())
    elseif mtype == 2 then
        need(range, 2, 11, "a forwarded reply")
        tree:add(h.request_id, range(2, 8))
        tree:add(h.has_reply, range(10, 1))
        tree:add(h.length, range(11, 2))
        local has, length = range(10, 1):uint(), range(11, 2):uint()
        if has > 1 or (has == 0 and length > 0) then
            bad("reply flag " .. has .. " with " .. length .. " bytes")
        end
        need(range, 13, length, "a forwarded reply's bytes")
        if length > 0 then
            registration(range(13, length), tree, pinfo)
        end
        local offset, n = hacn_home_state(range, tree, 13 + length)
        return offset, string.format("forwarded reply %s%s: %d bindings", tostring(range(2, 8):uint64()),
            has == 1 and "" or " (discarded)", n)
    elseif mtype == 3 then
        need(range, 2, 8, "a change report")
        tree:add(h.sequence, range(2, 8))
        local offset, n = hacn_home_state(range, tree, 10)
        return offset, string.format("change report #%s %s: %d bindings", tostring(range(2, 8):uint64()),
            tostring(range(10, 4):ipv4()), n)
    elseif mtype == 4 or mtype == 6 then
        local at = mtype == 6 and 6 or 2
        need(range, 2, at + 11, "a heartbeat")
        if mtype == 6 then
            tree:add(h.poll_id, range(2, 4))
        end
        tree:add(h.sequence, range(at, 8))
        local size = hacn_count(range(at + 8, 4), tree, h.table_size, "count")
        local role = hacn_role(range(at + 12, 1), tree)
        return at + 13, string.format("%s %s, %d bindings, sequence %s", mtype == 6
            and ("poll answer " .. range(2, 4):uint()) or "heartbeat", role, size, tostring(range(at, 8):uint64()))
    elseif mtype == 5 then
        need(range, 2, 4, "a poll")
        tree:add(h.poll_id, range(2, 4))
        return 6, "poll " .. range(2, 4):uint()
    elseif mtype == 7 then
        need(range, 2, 1, "a failing interrupt")
        local length = range(2, 1):uint()
        need(range, 3, length, "a failing interrupt's reason")
        if length > 0 then
            tree:add(h.reason, range(3, length))
        end
        return 3 + length, "failing interrupt: " .. (length > 0 and range(3, length):string() or "")
    elseif mtype == 8 then
        need(range, 2, 4, "a snapshot request")
        tree:add(h.transfer, range(2, 4))
        return 6, "snapshot request " .. range(2, 4):uint()
    elseif mtype == 9 then
        need(range, 2, 22, "a snapshot chunk")
        tree:add(h.transfer, range(2, 4))
        tree:add(h.index, range(6, 4))
        tree:add(h.count, range(10, 4))
        local index, count = range(6, 4):int(), range(10, 4):int()
        if index < 0 or count <= 0 or index >= count then
            bad("chunk " .. index .. " of " .. count)
        end
        tree:add(h.sequence, range(14, 8))
        tree:add(h.binding_count, range(22, 2))
        local offset = 24
        for _ = 1, range(22, 2):uint() do
            offset = hacn_binding(range, tree, offset, nil)
        end
        return offset, string.format("snapshot chunk %d/%d of transfer %d: %d bindings", index + 1, count,
            range(2, 4):uint(), range(22, 2):uint())
    elseif mtype == 10 then
        need(range, 2, 8, "an activate")
        tree:add(h.transfer, range(2, 4))
        local chunks = hacn_count(range(6, 4), tree, h.chunks, "count")
        return 10, string.format("activate transfer %d (%d chunks)", range(2, 4):uint(), chunks)
    elseif mtype == 11 then
        need(range, 2, 4, "a stand by")
        local successor = hacn_count(range(2, 4), tree, h.successor, "count")
        return 6, "stand by (successor " .. successor .. ")"
    elseif mtype == 12 then
        need(range, 2, 12, "a replica home")
        tree:add(h.replica_sequence, range(2, 8))
        local node = hacn_agent_id(range(10, 4), tree)
        local offset, n = hacn_home_state(range, tree, 14)
        return offset, string.format("replica #%s HA %d %s: %d bindings", tostring(range(2, 8):uint64()), node,
            tostring(range(14, 4):ipv4()), n)
    elseif mtype == 13 then
        need(range, 2, 18, "a replica HA")
        tree:add(h.replica_sequence, range(2, 8))
        local text = hacn_agent_entry(range, tree, 10)
        return 20, string.format("replica #%s %s", tostring(range(2, 8):uint64()), text)
    elseif mtype == 14 then
        need(range, 2, 4, "a learn request")
        tree:add(h.transfer, range(2, 4))
        return 6, "learn request " .. range(2, 4):uint()
    elseif mtype == 15 then
        need(range, 2, 15, "a learn summary")
        tree:add(h.transfer, range(2, 4))
        tree:add(h.active, range(6, 1))
        tree:add(h.replica_sequence, range(7, 8))
        tree:add(h.agent_count, range(15, 2))
        local active, n = range(6, 1):uint(), range(15, 2):uint()
        if active > 1 or (active == 0 and n > 0) then
            bad("active flag " .. active .. " with " .. n .. " HAs")
        end
        local offset = 17
        for _ = 1, n do
            need(range, offset, 18, "a learned HA")
            hacn_agent_entry(range, tree, offset)
            tree:add(h.mbr_transfer, range(offset + 10, 4))
            local chunks = hacn_count(range(offset + 14, 4), tree, h.chunks, "count")
            if chunks == 0 then
                bad("an MBR in 0 chunks")
            end
            offset = offset + 18
        end
        return offset, string.format("learn summary %d: %s, %d HAs at sequence %s", range(2, 4):uint(),
            active == 1 and "active" or "standby, nothing to teach", n, tostring(range(7, 8):uint64()))
    elseif mtype == 16 then
        need(range, 2, 4, "a serve held")
        local bindings = hacn_count(range(2, 4), tree, h.table_size, "count")
        return 6, "serve held (" .. bindings .. " bindings)"
    end
    bad("type " .. mtype)
end

-- one service 2 payload; returns a short summary for the info column
local function dissect_hacn(range, parent, pinfo)
    local tree = parent:add(hacn, range)
    if range:len() < 2 then
        tree:add_proto_expert_info(e_hacn, "truncated")
        return "malformed"
    end
    tree:add(h.version, range(0, 1))
    if range(0, 1):uint() ~= HACN_VERSION then
        tree:add_proto_expert_info(e_hacn, "version " .. range(0, 1):uint())
        return "malformed"
    end
    tree:add(h.type, range(1, 1))
    local ok, result, summary = pcall(hacn_body, range, tree, range(1, 1):uint(), pinfo)
    if not ok then
        if type(result) == "table" and result.malformed == Malformed then
            tree:add_proto_expert_info(e_hacn, result.text)
            return "malformed"
        end
        error(result)
    end
    if result < range:len() then
        tree:add_proto_expert_info(e_hacn, (range:len() - result) .. " bytes after the message")
        return "malformed"
    end
    tree:append_text(": " .. summary)
    return summary
end

hapeer.prefs.group_sync = Pref.bool("Decode service 1 as group binding sync", true,
    "Show the payloads of service 1 as group binding sync messages (docs/protocols.md)")

-- PHA/SHA delegation (service 3 payloads), docs/protocols.md "Delegation"; self-contained: its own
-- protocol, fields and expert info, one entry point (dissect_delegation)
local hadeleg = Proto("hadeleg", "homeagent PHA/SHA delegation")

local DELEG_VERSION = 1
local deleg_types = { [1] = "Start Forwarding", [2] = "Start Forwarding Ack", [3] = "Stop Forwarding",
    [4] = "Stop Forwarding Ack", [5] = "Heartbeat", [6] = "Load Report", [7] = "Batch" }
-- each type's one length; a Load Report's (type 6) follows from its count of entries
local deleg_lengths = { [1] = 32, [2] = 11, [3] = 10, [4] = 11, [5] = 14 }
local LOAD_FIXED, LOAD_ENTRY, LOAD_MAX_ENTRIES = 26, 12, 100
-- a Batch (type 7): header, u16 count, then count whole payloads of types 1 to 4
local BATCH_FIXED, BATCH_MAX = 8, 64
local batch_element_lengths = { [1] = 32, [2] = 11, [3] = 10, [4] = 11 }
local deleg_results = { [0] = "accepted", [1] = "capacity", [2] = "no route", [3] = "bad request",
    [4] = "not a PHA", [5] = "unknown home address" }
local deleg_encapsulations = { [0] = "IP in IP", [1] = "minimal", [2] = "GRE", [3] = "UDP" }

local d = {
    version = ProtoField.uint8("hadeleg.version", "Version", base.DEC),
    type = ProtoField.uint8("hadeleg.type", "Type", base.DEC, deleg_types),
    transaction = ProtoField.uint32("hadeleg.transaction", "Transaction", base.DEC),
    home = ProtoField.ipv4("hadeleg.home", "Home address"),
    care_of = ProtoField.ipv4("hadeleg.care_of", "Care-of address"),
    source = ProtoField.ipv4("hadeleg.tunnel_source", "Tunnel source (PHA address)"),
    encapsulation = ProtoField.uint8("hadeleg.encapsulation", "Encapsulation", base.DEC, deleg_encapsulations),
    inner = ProtoField.uint8("hadeleg.inner_encapsulation", "Inner encapsulation", base.DEC, deleg_encapsulations),
    flags = ProtoField.uint8("hadeleg.flags", "Flags", base.HEX),
    reverse = ProtoField.bool("hadeleg.flags.reverse_tunnel", "Reverse tunnel", 8, nil, 0x01),
    reserved = ProtoField.uint8("hadeleg.reserved", "Reserved", base.HEX),
    udp_address = ProtoField.ipv4("hadeleg.udp_peer.address", "UDP tunnel peer address"),
    udp_port = ProtoField.uint16("hadeleg.udp_peer.port", "UDP tunnel peer port", base.DEC),
    duration = ProtoField.uint32("hadeleg.duration", "Duration (s; 4294967295 never expires)", base.DEC),
    result = ProtoField.uint8("hadeleg.result", "Result", base.DEC, deleg_results),
    entries = ProtoField.uint32("hadeleg.entries", "Entries", base.DEC),
    capacity = ProtoField.uint32("hadeleg.capacity", "Capacity (0: no limit)", base.DEC),
    total_packets = ProtoField.uint64("hadeleg.total_packets", "Packets tunnelled in all (since the SHA role started)",
        base.DEC),
    uptime = ProtoField.uint64("hadeleg.uptime", "Read at (ms since the SHA role started)", base.DEC),
    load_flags = ProtoField.uint8("hadeleg.load_flags", "Flags", base.HEX),
    truncated = ProtoField.bool("hadeleg.load_flags.truncated", "Truncated (more entries changed)", 8, nil, 0x01),
    count = ProtoField.uint16("hadeleg.count", "Entries listed", base.DEC),
    entry = ProtoField.bytes("hadeleg.entry", "Entry"),
    packets = ProtoField.uint64("hadeleg.packets", "Packets tunnelled (since its tunnel was installed)", base.DEC),
    elements = ProtoField.uint16("hadeleg.elements", "Elements (each a payload of its own)", base.DEC),
}
hadeleg.fields = d

local e_deleg = ProtoExpert.new("hadeleg.malformed", "Malformed delegation payload: the receiver refuses it",
    expert.group.MALFORMED, expert.severity.ERROR)
hadeleg.experts = { e_deleg }

-- the fields of one service 3 payload of its type's exact length; returns a summary, or nil and why it is malformed
local function delegation_body(range, tree, mtype)
    local transaction = range(2, 4):uint()
    if mtype == 1 then
        tree:add(d.home, range(6, 4))
        tree:add(d.care_of, range(10, 4))
        tree:add(d.source, range(14, 4))
        tree:add(d.encapsulation, range(18, 1))
        tree:add(d.inner, range(19, 1))
        local flags = tree:add(d.flags, range(20, 1))
        flags:add(d.reverse, range(20, 1))
        tree:add(d.reserved, range(21, 1))
        tree:add(d.udp_address, range(22, 4))
        tree:add(d.udp_port, range(26, 2))
        tree:add(d.duration, range(28, 4))
        local outer, inner = range(18, 1):uint(), range(19, 1):uint()
        if range(6, 4):uint() == 0 or range(10, 4):uint() == 0 or range(14, 4):uint() == 0 then
            return nil, "an address is 0.0.0.0"
        end
        if outer > 3 or inner > 3 or (outer == 3 and inner == 3) or (outer ~= 3 and inner ~= 0) then
            return nil, "encapsulation " .. outer .. " carrying " .. inner
        end
        local peer_address, peer_port = range(22, 4):uint(), range(26, 2):uint()
        if outer == 3 and (peer_address == 0 or peer_port == 0) then
            return nil, "a UDP tunnel without the mobile's NAT address and port"
        end
        if outer ~= 3 and (peer_address ~= 0 or peer_port ~= 0) then
            return nil, "a NAT address and port for a tunnel that is not UDP"
        end
        if range(28, 4):uint() == 0 then
            return nil, "duration 0"
        end
        return string.format("Start Forwarding %d: %s -> %s from %s", transaction, tostring(range(6, 4):ipv4()),
            tostring(range(10, 4):ipv4()), tostring(range(14, 4):ipv4()))
    elseif mtype == 2 or mtype == 4 then
        tree:add(d.home, range(6, 4))
        tree:add(d.result, range(10, 1))
        local result = range(10, 1):uint()
        if deleg_results[result] == nil or (mtype == 2 and result == 5) or (mtype == 4 and (result == 1 or result == 2)) then
            return nil, "result " .. result .. " in a " .. deleg_types[mtype]
        end
        return string.format("%s %d: %s %s", deleg_types[mtype], transaction, tostring(range(6, 4):ipv4()),
            deleg_results[result])
    elseif mtype == 3 then
        tree:add(d.home, range(6, 4))
        return string.format("Stop Forwarding %d: %s", transaction, tostring(range(6, 4):ipv4()))
    end
    tree:add(d.entries, range(6, 4))
    tree:add(d.capacity, range(10, 4))
    return string.format("Heartbeat %d: %d entries", transaction, range(6, 4):uint())
end

-- a Load Report (type 6), its length already checked; returns a summary, or nil and why it is malformed
local function load_report(range, tree)
    tree:add(d.total_packets, range(6, 8))
    tree:add(d.uptime, range(14, 8))
    local flags = tree:add(d.load_flags, range(22, 1))
    flags:add(d.truncated, range(22, 1))
    tree:add(d.reserved, range(23, 1))
    tree:add(d.count, range(24, 2))
    local count = range(24, 2):uint()
    if range(6, 1):uint() >= 0x80 or range(14, 1):uint() >= 0x80 then
        return nil, "a total or an uptime beyond 2^63-1"
    end
    for i = 0, count - 1 do
        local at = LOAD_FIXED + i * LOAD_ENTRY
        local entry = tree:add(d.entry, range(at, LOAD_ENTRY))
        entry:add(d.home, range(at, 4))
        entry:add(d.packets, range(at + 4, 8))
        entry:set_text(string.format("Entry: %s, %s packets", tostring(range(at, 4):ipv4()),
            tostring(range(at + 4, 8):uint64())))
        if range(at, 4):uint() == 0 then
            return nil, "an entry's home address is 0.0.0.0"
        end
        if range(at + 4, 1):uint() >= 0x80 then
            return nil, "an entry's packets beyond 2^63-1"
        end
    end
    return string.format("Load Report %d: %d entries%s, %s packets in all", range(2, 4):uint(), count,
        (range(22, 1):uint() % 2 == 1) and " (truncated)" or "", tostring(range(6, 8):uint64()))
end

-- the length a Batch must have from its count and its elements' types; nil for a count or an element
-- type it cannot carry
local function batch_length(range)
    if range:len() < BATCH_FIXED then
        return BATCH_FIXED
    end
    local count = range(6, 2):uint()
    if count == 0 or count > BATCH_MAX then
        return nil
    end
    local at = BATCH_FIXED
    for _ = 1, count do
        if at + 2 > range:len() then
            return at + 2 -- cut short
        end
        local length = batch_element_lengths[range(at + 1, 1):uint()]
        if length == nil then
            return nil
        end
        at = at + length
    end
    return at
end

-- the length a payload of type mtype must have, nil for an unknown type
local function delegation_length(range, mtype)
    if mtype == 7 then
        return batch_length(range)
    end
    if mtype ~= 6 then
        return deleg_lengths[mtype]
    end
    if range:len() < LOAD_FIXED then
        return LOAD_FIXED
    end
    local count = range(24, 2):uint()
    if count > LOAD_MAX_ENTRIES then
        return nil
    end
    return LOAD_FIXED + LOAD_ENTRY * count
end

local dissect_delegation

-- a Batch (type 7), its framing already checked: each element is dissected as a payload of its own, in
-- its own subtree (a malformed element is refused alone by its receiver, and flagged alone here)
local function batch(range, tree)
    tree:add(d.elements, range(6, 2))
    local count, at, refused = range(6, 2):uint(), BATCH_FIXED, 0
    for _ = 1, count do
        local length = batch_element_lengths[range(at + 1, 1):uint()]
        if dissect_delegation(range(at, length), tree) == "malformed" then
            refused = refused + 1
        end
        at = at + length
    end
    return string.format("Batch %d: %d elements%s", range(2, 4):uint(), count,
        refused > 0 and (", " .. refused .. " malformed") or "")
end

-- one service 3 payload; returns a short summary for the info column
dissect_delegation = function(range, parent)
    local tree = parent:add(hadeleg, range)
    if range:len() < 6 then
        tree:add_proto_expert_info(e_deleg, "truncated")
        return "malformed"
    end
    tree:add(d.version, range(0, 1))
    tree:add(d.type, range(1, 1))
    tree:add(d.transaction, range(2, 4))
    local mtype = range(1, 1):uint()
    if range(0, 1):uint() ~= DELEG_VERSION then
        tree:add_proto_expert_info(e_deleg, "version " .. range(0, 1):uint())
        return "malformed"
    end
    local length = delegation_length(range, mtype)
    if length == nil or range:len() ~= length then
        tree:add_proto_expert_info(e_deleg, "type " .. mtype .. " of " .. range:len() .. " bytes")
        return "malformed"
    end
    local summary, why
    if mtype == 6 then
        summary, why = load_report(range, tree)
    elseif mtype == 7 then
        summary, why = batch(range, tree)
    else
        summary, why = delegation_body(range, tree, mtype)
    end
    if summary == nil then
        tree:add_proto_expert_info(e_deleg, why)
        return "malformed"
    end
    tree:append_text(": " .. summary)
    return summary
end

hapeer.prefs.delegation = Pref.bool("Decode service 3 as PHA/SHA delegation", true,
    "Show the payloads of service 3 as delegation messages (docs/protocols.md)")

-- one record at offset; returns the offset after it and its kind (and a sync summary), or nil when it does not fit
local function dissect_record(buf, tree, offset, limit, index, pinfo)
    if limit - offset < RECORD_HEADER_LENGTH then
        tree:add_proto_expert_info(e_record, "record " .. index .. " missing")
        return nil
    end
    local rtype = buf(offset, 1):uint()
    local rflags = buf(offset + 1, 1):uint()
    local length = buf(offset + 2, 2):uint()
    local total = RECORD_HEADER_LENGTH + length
    if offset + total > limit then
        local item = tree:add(f.record, buf(offset, limit - offset))
        item:add_proto_expert_info(e_record, "record " .. index .. " body of " .. length .. " bytes does not fit")
        return nil
    end
    local item = tree:add(f.record, buf(offset, total))
    item:add(f.record_type, buf(offset, 1))
    local flags_item = item:add(f.record_flags, buf(offset + 1, 1))
    item:add(f.record_length, buf(offset + 2, 2))
    local body = offset + RECORD_HEADER_LENGTH
    if rtype == 1 and length >= DATA_FIXED_LENGTH then
        flags_item:add(f.ack_requested, buf(offset + 1, 1))
        item:add(f.service, buf(body, 2))
        item:add(f.msg_seq, buf(body + 2, 8))
        local summary = nil
        if length > DATA_FIXED_LENGTH then
            local payload = buf(body + DATA_FIXED_LENGTH, length - DATA_FIXED_LENGTH)
            item:add(f.payload, payload)
            if buf(body, 2):uint() == 1 and hapeer.prefs.group_sync then
                summary = dissect_sync(payload, item)
            elseif buf(body, 2):uint() == 2 then
                summary = dissect_hacn(payload, item, pinfo)
            elseif buf(body, 2):uint() == 3 and hapeer.prefs.delegation then
                summary = dissect_delegation(payload, item)
            end
        end
        item:set_text(string.format("Data: service %d, message %s%s, %d bytes", buf(body, 2):uint(),
            tostring(buf(body + 2, 8):uint64()), (bit.band(rflags, 1) ~= 0) and ", ack requested" or "",
            length - DATA_FIXED_LENGTH))
        return offset + total, "data", summary
    elseif rtype == 2 and length == ACK_BODY_LENGTH then
        item:add(f.ack_epoch, buf(body, 8))
        item:add(f.ack_msg_seq, buf(body + 8, 8))
        item:set_text(string.format("Ack: message %s of epoch %s", tostring(buf(body + 8, 8):uint64()),
            tostring(buf(body, 8):uint64())))
        return offset + total, "ack"
    end
    item:add_proto_expert_info(e_record, "record " .. index .. " of type " .. rtype .. " and length " .. length)
    return nil
end

function hapeer.dissector(buf, pinfo, root)
    local length = buf:len()
    if length < 4 or buf(0, 2):uint() ~= MAGIC then
        return 0
    end
    pinfo.cols.protocol = "HAPEER"
    local tree = root:add(hapeer, buf())
    tree:add(f.magic, buf(0, 2))
    tree:add(f.version, buf(2, 1))
    if length < HEADER_LENGTH + HMAC_LENGTH then
        tree:add_proto_expert_info(e_short, length .. " bytes")
        return length
    end
    if buf(2, 1):uint() ~= 1 then
        tree:add_proto_expert_info(e_version, "version " .. buf(2, 1):uint())
        return length
    end
    tree:add(f.flags, buf(3, 1))
    tree:add(f.group, buf(4, 4))
    tree:add(f.node, buf(8, 4))
    tree:add(f.epoch, buf(12, 8))
    tree:add(f.seq, buf(20, 8))
    tree:add(f.key_id, buf(28, 2))
    tree:add(f.record_count, buf(30, 2))
    local count = buf(30, 2):uint()
    local limit = length - HMAC_LENGTH
    local offset = HEADER_LENGTH
    local data, acks = 0, 0
    local summaries = {}
    for i = 1, count do
        local next_offset, kind, summary = dissect_record(buf, tree, offset, limit, i, pinfo)
        if next_offset == nil then
            break
        end
        if kind == "data" then data = data + 1 else acks = acks + 1 end
        if summary ~= nil then summaries[#summaries + 1] = summary end
        offset = next_offset
    end
    pinfo.cols.protocol = "HAPEER" -- again: a control node payload's registration message shows as MIP inside
    if offset < limit and data + acks == count then
        tree:add_proto_expert_info(e_trailing, (limit - offset) .. " bytes")
    end
    tree:add(f.hmac, buf(limit, HMAC_LENGTH))
    tree:append_text(string.format(", node %d, group %d, seq %s, %d data, %d ack", buf(8, 4):uint(),
        buf(4, 4):uint(), tostring(buf(20, 8):uint64()), data, acks))
    pinfo.cols.info = string.format("node %d seq %s: %d data, %d ack", buf(8, 4):uint(),
        tostring(buf(20, 8):uint64()), data, acks)
    if #summaries > 0 then
        pinfo.cols.info:append(" [" .. table.concat(summaries, "; ") .. "]")
    end
    return length
end

DissectorTable.get("udp.port"):add(DEFAULT_PORT, hapeer)
