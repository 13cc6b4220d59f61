/**
 * Streaming protocols between kubectl, the API server and the node agent — exec, attach and
 * port-forward: SPDY/3.1 sessions (frames, zlib header blocks over the SPDY dictionary, streams with
 * flow control), Kubernetes' WebSocket channel protocols (v4/v5.channel.k8s.io, SPDY tunnelled in
 * WebSocket for port-forward), the HTTP upgrade handshakes and their negotiation, and the server
 * ends of the remotecommand and portforward protocols. It knows nothing of containers: callers supply
 * the process or the connection to carry.
 */
export {
  encodeFrame, FrameReader, FrameType, RstStatus, GoAwayStatus, SpdyProtocolError, FLAG_FIN, MAX_FRAME_PAYLOAD,
  type SpdyFrame,
} from './spdy-frame.js';
export { SPDY3_DICTIONARY } from './spdy-dictionary.js';
export { encodeHeaderBlock, decodeHeaderBlock, HeaderCompressor, HeaderDecompressor, headerValue, type SpdyHeaders } from './spdy-headers.js';
export { SpdyConnection, DEFAULT_WINDOW, type SpdyConnectionOptions } from './spdy-connection.js';
export { SpdyStream } from './spdy-stream.js';
export { ChannelConnection, STREAM_CLOSE, type ChannelOptions } from './channel-conn.js';
export {
  isWebSocketRequest, isSpdyRequest, headerValues, negotiateProtocol, writeRawResponse, writeHttpError, spdyHandshake,
  acceptSpdy, acceptWebSocket, HEADER_PROTOCOL_VERSION, SPDY_31, SPDY_TUNNEL_PREFIX,
} from './upgrade.js';
export { successStatus, exitCodeStatus, internalErrorStatus, encodeExecStatus, type ExecStatus } from './exec-status.js';
export { ResizeDecoder, type TerminalSize } from './resize.js';
export {
  acceptRemoteCommand, REMOTE_COMMAND_SPDY_PROTOCOLS, REMOTE_COMMAND_WEBSOCKET_PROTOCOLS, DEFAULT_STREAM_CREATION_TIMEOUT_MS,
  type RemoteCommandOptions, type RemoteCommandSession,
} from './remote-command.js';
export {
  acceptPortForward, parsePortForwardPorts, PORT_FORWARD_PROTOCOL, PORT_FORWARD_WEBSOCKET_PROTOCOLS,
  type Forwarder, type PortForwardOptions, type PortForwardSession,
} from './port-forward.js';
