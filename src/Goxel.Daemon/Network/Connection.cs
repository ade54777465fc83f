using System.Buffers;
using System.Net.Sockets;
using Goxel.Protocol;
using Microsoft.Extensions.Logging;

namespace Goxel.Daemon.Network;

/// <summary>
/// One client connection, served on a thread of its own with blocking I/O: the thread wakes
/// as soon as bytes arrive (no hop through the thread pool), frames the requests, runs them
/// in order and writes the responses of everything that arrived together in one write, each
/// response a whole line. A slow request only ever delays its own connection.
/// </summary>
internal sealed class Connection(Socket socket, RpcProcessor processor, long maxRequestBytes, ILogger logger)
{
    private const int InitialBuffer = 64 * 1024;

    // Past this much pending output, write before running more requests, so a long pipeline
    // does not grow the buffer without bound.
    private const int FlushThreshold = 1 << 20;

    private byte[] _input = new byte[InitialBuffer];
    private int _start;
    private int _end;

    /// <summary>The connection's socket.</summary>
    public Socket Socket => socket;

    /// <summary>Serves until the peer closes the connection or the daemon shuts its reading side.</summary>
    public void Run()
    {
        var framer = new MessageFramer(maxRequestBytes);
        var output = new ResponseBuffer();
        try
        {
            while (Receive())
            {
                var pending = new ReadOnlySequence<byte>(_input, _start, _end - _start);
                while (framer.TryRead(ref pending, out var message, out var frame))
                {
                    if (frame == Frame.Oversize) output.Append(RpcProcessor.OversizeLine);
                    else processor.Process(message, output);
                    if (output.Length >= FlushThreshold) Flush(output);
                }
                _start = _end - (int)pending.Length;
                Flush(output);
            }
        }
        catch (SocketException ex)
        {
            logger.LogDebug("connection closed: {Reason}", ex.Message);
        }
        finally
        {
            socket.Dispose();
        }
    }

    /// <summary>Reads more bytes after the unconsumed ones; false at end of stream.</summary>
    private bool Receive()
    {
        if (_start == _end)
        {
            _start = _end = 0;
            // A huge request is over: give its buffer back.
            if (_input.Length > FlushThreshold) _input = new byte[InitialBuffer];
        }
        else if (_end == _input.Length)
        {
            var kept = _end - _start;
            if (kept * 2 > _input.Length) Array.Resize(ref _input, _input.Length * 2);
            if (_start > 0)
            {
                Buffer.BlockCopy(_input, _start, _input, 0, kept);
                _start = 0;
                _end = kept;
            }
        }
        var n = socket.Receive(_input, _end, _input.Length - _end, SocketFlags.None);
        _end += n;
        return n > 0;
    }

    private void Flush(ResponseBuffer output)
    {
        if (output.Length == 0) return;
        // With storage.fsync always, nothing is acknowledged before its journal record is on disk.
        if (!Storage.GroupCommit.AwaitThisThread()) throw new SocketException((int)SocketError.ConnectionAborted);
        var bytes = output.Written.Span;
        while (!bytes.IsEmpty) bytes = bytes[socket.Send(bytes)..];
        output.Clear();
    }
}
