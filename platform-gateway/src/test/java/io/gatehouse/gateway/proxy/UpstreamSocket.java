package io.gatehouse.gateway.proxy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** One connection accepted by a {@link ScriptedUpstream}: what a script reads and writes, byte for byte. */
final class UpstreamSocket {
    private final Socket socket;
    private final int index;
    private final InputStream in;
    private final OutputStream out;
    private final AtomicLong written = new AtomicLong();
    private final CountDownLatch closedByClient = new CountDownLatch(1);
    private volatile boolean closed;

    UpstreamSocket(Socket socket, int index) {
        this.socket = socket;
        this.index = index;
        try {
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 0 for the first connection the upstream accepted, 1 for the second... */
    int index() {
        return index;
    }

    /** Reads one request: its head, then its body by Content-Length or chunked framing. */
    RecordedRequest readRequest() throws IOException {
        String head = readHead();
        String contentLength = RecordedRequest.header(head, "content-length");
        String transferEncoding = RecordedRequest.header(head, "transfer-encoding");
        byte[] body;
        if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = readChunkedBody();
        } else if (contentLength != null) {
            body = readExactly(Integer.parseInt(contentLength.trim()));
        } else {
            body = new byte[0];
        }
        return new RecordedRequest(head, body);
    }

    /** Reads up to and including the empty line that ends a head; the head without that line. */
    String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the client closed the connection in the middle of a request head: "
                        + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - end.length);
    }

    /** A chunked body (chunk sizes, data, trailers), decoded. */
    byte[] readChunkedBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            body.write(readExactly(size));
            if (!readLine().isEmpty()) {
                throw new IOException("no CRLF after a chunk of " + size + " bytes");
            }
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the client closed the connection in the middle of a line");
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            previous = b;
        }
    }

    byte[] readExactly(int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("the client closed the connection after " + bytes.length + " of " + length
                    + " body bytes");
        }
        return bytes;
    }

    /** Reads whatever bytes arrive first (at least one), as when a script only wants to see the client speak. */
    byte[] readSome() throws IOException {
        byte[] buffer = new byte[16 * 1024];
        int read = in.read(buffer);
        if (read < 0) {
            throw new EOFException("the client closed the connection");
        }
        return java.util.Arrays.copyOf(buffer, read);
    }

    /** Everything the client sends until it closes the connection. */
    byte[] readUntilClose() throws IOException {
        byte[] all = in.readAllBytes();
        closedByClient.countDown();
        return all;
    }

    /** Sends text exactly as given (ISO-8859-1), flushed. */
    void send(String ascii) throws IOException {
        send(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        written.addAndGet(bytes.length);
    }

    /** Body bytes written so far by {@link #send}. */
    long written() {
        return written.get();
    }

    /** Sends nothing more and waits until the client closes (or the upstream shuts down). */
    void hang() throws IOException {
        awaitClientClose(Long.MAX_VALUE);
    }

    /**
     * True once the client closed the connection: reads (and drops) whatever the client still sends until the end of
     * the stream, at most {@code millis}.
     */
    boolean awaitClientClose(long millis) throws IOException {
        if (closedByClient.getCount() == 0) {
            return true;
        }
        long deadline = millis == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + millis * 1_000_000;
        byte[] sink = new byte[4096];
        while (true) {
            long left = deadline == Long.MAX_VALUE ? 0 : (deadline - System.nanoTime()) / 1_000_000;
            if (deadline != Long.MAX_VALUE && left <= 0) {
                return false;
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
            try {
                if (in.read(sink) < 0) {
                    closedByClient.countDown();
                    return true;
                }
            } catch (SocketTimeoutException stillOpen) {
                return false;
            } catch (IOException reset) {
                closedByClient.countDown();
                return true;
            }
        }
    }

    /** Waits (on the test thread) for a script that called {@link #awaitClientClose} or {@link #hang} to see the end. */
    boolean closedByClientWithin(long millis) throws InterruptedException {
        return closedByClient.await(millis, TimeUnit.MILLISECONDS);
    }

    /** Shrinks the send buffer, so a client that stops reading soon blocks the writer. */
    void smallSendBuffer() throws IOException {
        socket.setSendBufferSize(16 * 1024);
    }

    boolean isClosed() {
        return closed;
    }

    void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
