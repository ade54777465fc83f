using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Goxel.Bench;

/// <summary>
/// What a power cut would lose under storage.fsync everysec: one connection streams pipelined
/// add_voxel edits (each a cell of its own) while a second samples get_project_info's
/// durability block every 20 ms. Acknowledged but not yet flushed is journal_bytes minus
/// synced_bytes; divided by the bytes per record so far it is the edits a power cut at that
/// moment would lose (a kill -9 loses none: they are in the page cache).
/// </summary>
internal static class ExposureBench
{
    public static void Run(string socket, int seconds)
    {
        using var writer = new LineClient(socket);
        using var sampler = new LineClient(socket);
        var acknowledged = 0L;
        var sent = 0L;
        var stop = false;
        var reader = new Thread(() =>
        {
            while (!Volatile.Read(ref stop) || Interlocked.Read(ref acknowledged) < Volatile.Read(ref sent))
            {
                writer.ReadLine();
                Interlocked.Increment(ref acknowledged);
            }
        });
        var streamer = new Thread(() =>
        {
            for (var i = 0; !Volatile.Read(ref stop); i++)
            {
                // At most 1,000 requests in flight, so acknowledged tracks what was sent.
                while (Volatile.Read(ref sent) - Interlocked.Read(ref acknowledged) > 1000) Thread.Yield();
                writer.Send(Encoding.UTF8.GetBytes($"{{\"jsonrpc\":\"2.0\",\"method\":\"goxel.add_voxel\",\"params\":[{i % 512},{i / 512 % 512},{i / 262144},255,0,0,255],\"id\":{i}}}\n"));
                Interlocked.Increment(ref sent);
            }
        });
        reader.Start();
        streamer.Start();
        var atRisk = new List<double>();
        var ages = new List<double>();
        var checkpointed = false;
        var lastJournal = 0L;
        var bytesPerEdit = 0.0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            Thread.Sleep(20);
            var edits = Interlocked.Read(ref acknowledged);
            sampler.Send("{\"jsonrpc\":\"2.0\",\"method\":\"goxel.get_project_info\",\"id\":\"s\"}\n"u8);
            using var info = JsonDocument.Parse(sampler.ReadLineText());
            var durability = info.RootElement.GetProperty("result").GetProperty("durability");
            var journal = durability.GetProperty("journal_bytes").GetInt64();
            var synced = durability.GetProperty("synced_bytes").GetInt64();
            if (edits == 0 || journal == 0) continue;
            // Bytes per edit come from the journal before its first checkpoint: a checkpoint
            // starts the next journal, whose bytes no longer cover every edit so far.
            checkpointed |= journal < lastJournal;
            lastJournal = journal;
            if (!checkpointed) bytesPerEdit = (double)journal / edits;
            atRisk.Add((journal - synced) / bytesPerEdit);
            if (durability.GetProperty("last_fsync").GetString() is { } last)
                ages.Add((DateTime.UtcNow - DateTime.Parse(last, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)).TotalMilliseconds);
        }
        Volatile.Write(ref stop, true);
        streamer.Join();
        reader.Join();
        var rate = acknowledged / clock.Elapsed.TotalSeconds;
        atRisk.Sort();
        ages.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"edits_per_s={rate:F0} at_risk_p50={atRisk[atRisk.Count / 2]:F0} at_risk_max={atRisk[^1]:F0} at_risk_max_s={atRisk[^1] / rate:F2} last_fsync_age_max_ms={(ages.Count > 0 ? ages[^1] : double.NaN):F0} samples={atRisk.Count}"));
    }
}
