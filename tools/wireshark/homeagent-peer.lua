-- Wireshark / tshark dissector of the homeagent peer link, version 1 (docs/protocols.md, "Peer link").
--
--   tshark -X lua_script:tools/wireshark/homeagent-peer.lua -r capture.pcap -V
--   wireshark -X lua_script:tools/wireshark/homeagent-peer.lua
--
-- Registered on UDP port 7434 (the link's default); another port with Decode As ("HAPEER") or
-- tshark -d udp.port==<port>,hapeer. It shows every field with its offset; it does not check the
-- HMAC (it has no key), and flags as expert errors what the link itself would drop as malformed.

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

-- one record at offset; returns the offset after it, or nil when it does not fit
local function dissect_record(buf, tree, offset, limit, index)
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
        if length > DATA_FIXED_LENGTH then
            item:add(f.payload, buf(body + DATA_FIXED_LENGTH, length - DATA_FIXED_LENGTH))
        end
        item:set_text(string.format("Data: service %d, message %s%s, %d bytes", buf(body, 2):uint(),
            tostring(buf(body + 2, 8):uint64()), (bit.band(rflags, 1) ~= 0) and ", ack requested" or "",
            length - DATA_FIXED_LENGTH))
        return offset + total, "data"
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
    for i = 1, count do
        local next_offset, kind = dissect_record(buf, tree, offset, limit, i)
        if next_offset == nil then
            break
        end
        if kind == "data" then data = data + 1 else acks = acks + 1 end
        offset = next_offset
    end
    if offset < limit and data + acks == count then
        tree:add_proto_expert_info(e_trailing, (limit - offset) .. " bytes")
    end
    tree:add(f.hmac, buf(limit, HMAC_LENGTH))
    tree:append_text(string.format(", node %d, group %d, seq %s, %d data, %d ack", buf(8, 4):uint(),
        buf(4, 4):uint(), tostring(buf(20, 8):uint64()), data, acks))
    pinfo.cols.info = string.format("node %d seq %s: %d data, %d ack", buf(8, 4):uint(),
        tostring(buf(20, 8):uint64()), data, acks)
    return length
end

DissectorTable.get("udp.port"):add(DEFAULT_PORT, hapeer)
