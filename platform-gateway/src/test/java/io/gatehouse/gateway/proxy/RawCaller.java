package io.gatehouse.gateway.proxy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A caller speaking HTTP/1.1 to the gateway listener over a plain socket: writes exactly the bytes a test gives and
 * reads answers byte for byte, framing included (see {@link RawAnswer#raw()}). Reads wait at most two seconds.
 */
final class RawCaller implements AutoCloseable {
    static final int READ_TIMEOUT_MS = 2000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawCaller(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(READ_TIMEOUT_MS);
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static RawCaller connect(int port) throws IOException {
        return new RawCaller(new Socket("127.0.0.1", port));
    }

    /** A caller with a small receive buffer (set before connecting), so the kernel holds little of what it leaves unread. */
    static RawCaller connectWithReceiveBuffer(int port, int bytes) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(bytes);
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
        return new RawCaller(socket);
    }

    /** Sends text exactly as given (ISO-8859-1). */
    RawCaller send(String ascii) throws IOException {
        return send(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawCaller send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Reads one answer with its body, framed by Content-Length, chunked encoding, or the end of the connection. */
    RawAnswer answer() throws IOException {
        return read(true);
    }

    /** Reads one answer that has no body whatever its headers say (to HEAD, or 1xx/204/304). */
    RawAnswer answerWithoutBody() throws IOException {
        return read(false);
    }

    /** Exactly {@code length} bytes, failing if the gateway closes first. */
    byte[] readExactly(int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("the gateway closed the connection after " + bytes.length + " of " + length
                    + " bytes");
        }
        return bytes;
    }

    /**
     * True when the gateway closes the connection (end of stream or reset) before sending anything more; false when a
     * byte arrives, or nothing happens within the read timeout.
     */
    boolean isClosedByGateway() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private RawAnswer read(boolean bodyByFraming) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        String head = readHead(raw);
        RawAnswer headOnly = new RawAnswer(head, new byte[0], new byte[0]);
        if (!bodyByFraming) {
            return new RawAnswer(head, new byte[0], raw.toByteArray());
        }
        byte[] body;
        String length = headOnly.header("content-length");
        if ("chunked".equalsIgnoreCase(headOnly.header("transfer-encoding"))) {
            body = readChunked(raw);
        } else if (length != null) {
            body = readExactly(Integer.parseInt(length.trim()));
            raw.writeBytes(body);
        } else {
            body = in.readAllBytes(); // close-delimited
            raw.writeBytes(body);
        }
        return new RawAnswer(head, body, raw.toByteArray());
    }

    private String readHead(ByteArrayOutputStream raw) throws IOException {
        int start = raw.size();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the gateway closed the connection in the middle of an answer's head: "
                        + raw.toString(StandardCharsets.ISO_8859_1));
            }
            raw.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        byte[] bytes = raw.toByteArray();
        return new String(bytes, start, bytes.length - start - end.length, StandardCharsets.ISO_8859_1);
    }

    private byte[] readChunked(ByteArrayOutputStream raw) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(raw);
            int size = Integer.parseInt(sizeLine.split(";", 2)[0].trim(), 16);
            if (size == 0) {
                while (!readLine(raw).isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            byte[] chunk = readExactly(size);
            raw.writeBytes(chunk);
            body.writeBytes(chunk);
            if (!readLine(raw).isEmpty()) {
                throw new IOException("no CRLF after a chunk of " + size + " bytes");
            }
        }
    }

    private String readLine(ByteArrayOutputStream raw) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the gateway closed the connection in the middle of a line: "
                        + line.toString(StandardCharsets.ISO_8859_1));
            }
            raw.write(b);
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            previous = b;
        }
    }
}
