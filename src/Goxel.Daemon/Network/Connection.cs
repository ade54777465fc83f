using System.IO.Pipelines;
using System.Net.Sockets;
using Goxel.Protocol;
using Microsoft.Extensions.Logging;

namespace Goxel.Daemon.Network;

/// <summary>
/// One client connection: frames requests as they arrive, runs them in order and writes the
/// responses of everything that arrived together in one write (each response a whole line).
/// </summary>
internal sealed class Connection(Socket socket, RpcProcessor processor, long maxRequestBytes, ILogger logger)
{
    // Past this much pending output, write before running more requests, so a long pipeline
    // does not grow the buffer without bound.
    private const int FlushThreshold = 1 << 20;

    /// <summary>Serves the connection until the peer closes it or <paramref name="stopping"/> fires.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024));
        await using var stop = stopping.Register(reader.CancelPendingRead);
        var framer = new MessageFramer(maxRequestBytes);
        var output = new ResponseBuffer();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var result = await reader.ReadAsync();
                var buffer = result.Buffer;
                while (framer.TryRead(ref buffer, out var message, out var frame))
                {
                    if (frame == Frame.Oversize) output.Append(RpcProcessor.OversizeLine);
                    else processor.Process(message, output);
                    if (output.Length >= FlushThreshold) await FlushAsync(stream, output);
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                await FlushAsync(stream, output);
                if (result.IsCompleted || result.IsCanceled) break;
            }
        }
        catch (IOException ex)
        {
            logger.LogDebug("connection closed: {Reason}", ex.Message);
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    private static async ValueTask FlushAsync(NetworkStream stream, ResponseBuffer output)
    {
        if (output.Length == 0) return;
        await stream.WriteAsync(output.Written);
        output.Clear();
    }
}
