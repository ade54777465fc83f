using System.Buffers.Binary;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace Goxel.Daemon.Tests;

/// <summary>Issue 9: the journal, recovery after SIGKILL, the data directory lock, checkpoints and paging.</summary>
public sealed class DurabilityTests
{
    private static void Edits(RawClient c)
    {
        c.Result("goxel.create_project", "{\"name\":\"alpha\",\"width\":32,\"height\":48,\"depth\":16}");
        c.Result("goxel.add_voxel", "{\"x\":1,\"y\":2,\"z\":3,\"color\":[255,0,0,255]}");
        c.Result("goxel.add_voxel", "{\"x\":-40,\"y\":2,\"z\":3,\"color\":[0,0,255,255]}");
        c.Result("goxel.add_voxel_batch", "{\"voxels\":[[10,0,0,255,0,0,255],[11,0,0,0,255,0,255],[300,-7,2,1,2,3,255]]}");
        c.Result("goxel.create_layer", "{\"name\":\"second\"}");
        c.Result("goxel.procedural_shape", "{\"shape_type\":\"sphere\",\"size_x\":9,\"size_y\":9,\"size_z\":9,\"center_x\":20,\"r\":9,\"g\":8,\"b\":7}");
        c.Result("goxel.procedural_shape", "{\"shape_type\":\"cube\",\"size_x\":40,\"size_y\":20,\"size_z\":20,\"center_x\":-20,\"r\":1,\"g\":1,\"b\":1}");
        c.Result("goxel.undo");
        c.Result("goxel.remove_voxel", "{\"x\":10,\"y\":0,\"z\":0,\"layer_id\":1}");
        c.Result("goxel.create_layer", "{\"name\":\"gone\"}");
        c.Result("goxel.set_layer_visibility", "{\"layer_id\":2,\"visible\":false}");
        c.Result("goxel.delete_layer", "{\"layer_id\":3}");
        c.Result("goxel.undo");
        c.Result("goxel.redo");
        c.Result("goxel.merge_layers", "{\"source_layer_id\":2,\"target_layer_id\":1}");
        c.Result("goxel.undo");
        c.Result("goxel.create_project", "{\"name\":\"beta\"}");
        c.Result("goxel.add_voxel", "{\"x\":5,\"y\":5,\"z\":5,\"color\":[5,5,5,255]}");
        c.Result("goxel.create_project", "{\"name\":\"gamma\"}");
        c.Result("goxel.close_project", "{\"project_id\":\"p3\"}");
        c.Result("goxel.create_project", "{\"name\":\"delta\"}");
        c.Result("goxel.set_active_layer", "{\"project_id\":\"p1\",\"layer_id\":1}");
    }

    // New blocks filled in one step are journaled whole, in each form a block takes: 300 colours
    // (one per cell), 3 colours over 600 cells, and a few cells.
    private static void WholeBlocks(RawClient c)
    {
        c.Result("goxel.add_voxel_batch", $"{{\"voxels\":[{string.Join(',', Enumerable.Range(0, 300).Select(i => $"[{100 + i % 16},{100 + i / 16},100,{i % 251},{i / 251},7,255]"))}]}}");
        c.Result("goxel.add_voxel_batch", $"{{\"voxels\":[{string.Join(',', Enumerable.Range(0, 600).Select(i => $"[{140 + i % 16},{100 + i / 16 % 16},{100 + i / 256},{i % 3},0,0,255]"))}]}}");
    }

    [Fact]
    public void EveryAcknowledgedEditSurvivesSigkill()
    {
        using var scope = new DurabilityScope();
        var daemon = scope.Start();
        string before;
        using (var client = daemon.Connect())
        {
            Edits(client);
            WholeBlocks(client);
            before = DurabilityScope.Dump(client);
        }
        DurabilityScope.Kill(daemon);
        var again = scope.Start();
        Assert.True(again.WaitForStderr("recovered 3 project(s)", TimeSpan.FromSeconds(10)), again.Stderr);
        using var after = again.Connect();
        Assert.Equal(before, DurabilityScope.Dump(after));
        // Ids are never handed out twice, and the recovered projects take edits.
        Assert.Equal("p5", DurabilityScope.Text(after.Result("goxel.create_project", "{\"name\":\"epsilon\"}"), "project_id"));
        after.Result("goxel.add_voxel", "{\"project_id\":\"p1\",\"x\":0,\"y\":0,\"z\":0,\"color\":[1,1,1,255]}");
        var status = after.Result("status").GetProperty("storage");
        Assert.Equal(3, status.GetProperty("recovery").GetProperty("projects").GetInt32());
        Assert.True(status.GetProperty("recovery").GetProperty("milliseconds").GetDouble() >= 0);
        var durability = after.Result("goxel.get_project_info", "{\"project_id\":\"p1\"}").GetProperty("durability");
        Assert.True(durability.GetProperty("journal_bytes").GetInt64() > 0);
        Assert.True(durability.GetProperty("dirty").GetBoolean());
        Assert.StartsWith(scope.Projects, durability.GetProperty("path").GetString());
    }

    [Fact]
    public void JournalsOfFormatVersion1AreRecoveredAndAppendedToInTheirOwnVersion()
    {
        // What Edits leaves, from a daemon that keeps no data.
        string expected;
        using (var memory = new DurabilityScope())
        {
            var socket = Path.Combine(memory.Directory, "m.sock");
            using var memoryOnly = DaemonProcess.Launch(memory.Directory, ["--socket", socket, "--data-dir", ""], socket);
            memoryOnly.WaitUntilListening();
            using var client = memoryOnly.Connect();
            Edits(client);
            expected = DurabilityScope.Dump(client);
        }
        // Journals/format1.tar.gz: the data directory the daemon of format 1 (commit ee0c683) left
        // after running Edits and stopping on SIGTERM.
        using var scope = new DurabilityScope();
        Directory.CreateDirectory(scope.DataDirectory);
        using (var archive = new GZipStream(File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Journals", "format1.tar.gz")), CompressionMode.Decompress))
            TarFile.ExtractToDirectory(archive, scope.DataDirectory, overwriteFiles: false);
        var daemon = scope.Start();
        using (var client = daemon.Connect())
        {
            Assert.Equal(expected, DurabilityScope.Dump(client));
            // Edits after recovery go to the old journal, in records its version has (no cells-only
            // records: a daemon of format 1 can still read it); a new project's journal is format 2.
            for (var x = 0; x < 3; x++)
                client.Result("goxel.add_voxel", $"{{\"project_id\":\"p1\",\"x\":{x},\"y\":7,\"z\":7,\"color\":[7,7,7,255]}}");
            client.Result("goxel.create_project", "{\"name\":\"new\"}");
            for (var x = 0; x < 3; x++)
                client.Result("goxel.add_voxel", $"{{\"x\":{x},\"y\":7,\"z\":7,\"color\":[7,7,7,255]}}");
            expected = DurabilityScope.Dump(client);
        }
        DurabilityScope.Kill(daemon);
        var (magic, kinds) = Records(Assert.Single(scope.Journals("p1")));
        Assert.Equal("GOXJRNL1", magic);
        Assert.DoesNotContain((byte)5, kinds);
        (magic, kinds) = Records(Assert.Single(scope.Journals("p5")));
        Assert.Equal("GOXJRNL2", magic);
        Assert.Equal([1, 5, 5, 5], kinds);
        using var after = scope.Start().Connect();
        Assert.Equal(expected, DurabilityScope.Dump(after));
    }

    /// <summary>A journal's magic and the kind of each of its records (docs/durability.md's layout).</summary>
    private static (string Magic, List<byte> Kinds) Records(string journal)
    {
        var data = File.ReadAllBytes(journal);
        var kinds = new List<byte>();
        for (var at = 8; at + 8 < data.Length;)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(at));
            // Zeros past the last record: the space a journal reserves while open.
            if (length == 0) break;
            kinds.Add(data[at + 8]);
            at += 8 + length;
        }
        return (Encoding.ASCII.GetString(data, 0, 8), kinds);
    }

    [Fact]
    public void ASecondDaemonOnTheSameDataDirectoryRefusesToStart()
    {
        using var scope = new DurabilityScope();
        var first = scope.Start();
        var other = Path.Combine(scope.Directory, "other.sock");
        using var second = DaemonProcess.Launch(scope.Directory, ["--socket", other, "--data-dir", scope.DataDirectory], other);
        Assert.True(second.WaitForExit(TimeSpan.FromSeconds(20)), "the second daemon kept running");
        Assert.Equal(1, second.Process.ExitCode);
        Assert.Contains(Path.GetFullPath(scope.DataDirectory), second.Stderr);
        Assert.Contains($"pid {first.Process.Id}", second.Stderr);
        Assert.False(File.Exists(other));
        using var client = first.Connect();
        client.Result("ping");
        // The data directory is private to its owner.
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(scope.DataDirectory));
    }

    [Fact]
    public void MemoryOnlyWritesNothing()
    {
        using var scope = new DurabilityScope();
        var socket = Path.Combine(scope.Directory, "m.sock");
        using var daemon = DaemonProcess.Launch(scope.Directory, ["--socket", socket, "--data-dir", ""], socket);
        daemon.WaitUntilListening();
        using var client = daemon.Connect();
        client.Result("goxel.create_project");
        Assert.Equal(JsonValueKind.Null, client.Result("goxel.get_project_info").GetProperty("durability").ValueKind);
        Assert.False(client.Result("status").GetProperty("storage").GetProperty("enabled").GetBoolean());
        Assert.False(Directory.Exists(scope.DataDirectory));
    }

    [Fact]
    public void CloseDeletesTheJournalAndTheProjectStaysClosed()
    {
        using var scope = new DurabilityScope();
        var daemon = scope.Start();
        using (var client = daemon.Connect())
        {
            client.Result("goxel.create_project", "{\"name\":\"kept\"}");
            client.Result("goxel.create_project", "{\"name\":\"closed\"}");
            Assert.Single(scope.Journals("p2"));
            client.Result("goxel.close_project", "{\"project_id\":\"p2\"}");
            Assert.Empty(Directory.GetFiles(scope.Projects, "p2.*"));
        }
        DurabilityScope.Kill(daemon);
        using var after = scope.Start().Connect();
        var list = after.Result("goxel.list_projects");
        Assert.Equal(1, list.GetProperty("count").GetInt32());
        Assert.Equal("kept", list.GetProperty("projects")[0].GetProperty("name").GetString());
        // The current project was closed: none is current after the restart either.
        Assert.False(list.GetProperty("projects")[0].GetProperty("current").GetBoolean());
    }

    /// <summary>
    /// Offsets of the records in a journal, and where the last ends: after the 8-byte magic,
    /// each is length, CRC, payload; an open journal ends in reserved zeros (length 0).
    /// </summary>
    private static (List<int> Starts, int End) Records(byte[] journal)
    {
        var starts = new List<int>();
        var at = 8;
        for (int length; at + 8 <= journal.Length && (length = (int)BinaryPrimitives.ReadUInt32LittleEndian(journal.AsSpan(at))) > 0; at += 8 + length)
            starts.Add(at);
        return (starts, at);
    }

    [Fact]
    public void AJournalCutAtEveryOffsetOfItsLastRecordRecoversTheRecordBefore()
    {
        using var scope = new DurabilityScope();
        var daemon = scope.Start();
        using (var client = daemon.Connect())
        {
            client.Result("goxel.create_project", "{\"name\":\"torn\"}");
            client.Result("goxel.add_voxel", "{\"x\":1,\"y\":1,\"z\":1,\"color\":[1,1,1,255]}");
            client.Result("goxel.add_voxel", "{\"x\":2,\"y\":2,\"z\":2,\"color\":[2,2,2,255]}");
        }
        DurabilityScope.Kill(daemon);
        var journal = scope.Journals("p1").Single();
        var (starts, end) = Records(File.ReadAllBytes(journal));
        var whole = File.ReadAllBytes(journal)[..end];
        var last = starts[^1];
        // Every cut inside the last record, and a flipped byte in it, loses exactly that record.
        var damaged = Enumerable.Range(last, whole.Length - last).Select(cut => whole[..cut]).ToList();
        var flipped = (byte[])whole.Clone();
        flipped[^1] ^= 0xFF;
        damaged.Add(flipped);
        foreach (var bytes in damaged)
        {
            File.WriteAllBytes(journal, bytes);
            var restarted = scope.Start();
            using (var client = restarted.Connect())
            {
                Assert.True(client.Result("goxel.get_voxel", "{\"project_id\":\"p1\",\"x\":1,\"y\":1,\"z\":1}").GetProperty("exists").GetBoolean());
                Assert.False(client.Result("goxel.get_voxel", "{\"project_id\":\"p1\",\"x\":2,\"y\":2,\"z\":2}").GetProperty("exists").GetBoolean());
                var cut = client.Result("status").GetProperty("storage").GetProperty("recovery").GetProperty("cut_bytes").GetInt64();
                Assert.Equal(bytes.Length - last, cut);
            }
            var torn = bytes.Length - last;
            Assert.True(torn == 0 || restarted.WaitForStderr($"cut {torn} byte(s)", TimeSpan.FromSeconds(10)), restarted.Stderr);
            DurabilityScope.Kill(restarted);
            // The records before the cut, then only the zeros the reopened journal reserved.
            var kept = File.ReadAllBytes(journal);
            Assert.Equal(whole[..last], kept[..last]);
            Assert.True(kept.AsSpan(last).IndexOfAnyExcept((byte)0) < 0, "bytes past the cut remain");
        }
    }

    [Fact]
    public void CheckpointsFoldTheJournalIntoASnapshotAndACorruptSnapshotIsSetAside()
    {
        using var scope = new DurabilityScope();
        var config = scope.Config("{\"storage\":{\"checkpoint_mb\":1}}");
        var daemon = scope.Start("--config", config);
        string before;
        using (var client = daemon.Connect())
        {
            client.Result("goxel.create_project", "{\"name\":\"big\"}");
            // About 1.2 MB of journal: 40 batches of 5,000 scattered voxels.
            for (var batch = 0; batch < 40; batch++)
            {
                var voxels = string.Join(",", Enumerable.Range(0, 5000).Select(i => $"[{i * 7 % 500},{batch * 3},{i / 500},{batch},{i % 256},9,255]"));
                client.Result("goxel.add_voxel_batch", $"{{\"voxels\":[{voxels}]}}");
            }
            Assert.True(DurabilityScope.Eventually(() => Directory.GetFiles(scope.Projects, "p1.*.gox").Length == 1, TimeSpan.FromSeconds(20)), "no snapshot was written");
            Assert.True(DurabilityScope.Eventually(() => scope.Journals("p1").Length == 1 && new FileInfo(scope.Journals("p1")[0]).Length < 1 << 20, TimeSpan.FromSeconds(20)));
            client.Result("goxel.add_voxel", "{\"x\":-1,\"y\":-1,\"z\":-1,\"color\":[7,7,7,255]}");
            var durability = client.Result("goxel.get_project_info").GetProperty("durability");
            Assert.NotEqual(JsonValueKind.Null, durability.GetProperty("last_checkpoint").ValueKind);
            before = DurabilityScope.Dump(client);
        }
        DurabilityScope.Kill(daemon);
        daemon = scope.Start("--config", config);
        using (var client = daemon.Connect()) Assert.Equal(before, DurabilityScope.Dump(client));
        DurabilityScope.Kill(daemon);

        // A damaged snapshot is renamed aside, never deleted, and reported.
        var snapshot = Directory.GetFiles(scope.Projects, "p1.*.gox").Single();
        File.WriteAllBytes(snapshot, "GOX \u0002\0\0\0garbage"u8.ToArray());
        daemon = scope.Start("--config", config);
        using (var client = daemon.Connect())
        {
            var recovery = client.Result("status").GetProperty("storage").GetProperty("recovery");
            Assert.Equal(snapshot, recovery.GetProperty("corrupt_snapshots")[0].GetString());
            Assert.Equal("p1", recovery.GetProperty("lost")[0].GetString());
        }
        Assert.Single(Directory.GetFiles(scope.Projects, "p1.*.gox.corrupt-*"));
    }

    [Fact]
    public void CreateProjectKeepsWorkingPastMaxProjectsByPagingIdleProjectsOut()
    {
        using var scope = new DurabilityScope();
        var daemon = scope.Start("--config", scope.Config("{\"limits\":{\"max_projects\":3}}"));
        using var client = daemon.Connect();
        for (var i = 1; i <= 8; i++)
        {
            client.Result("goxel.create_project", $"{{\"name\":\"n{i}\"}}");
            client.Result("goxel.add_voxel", $"{{\"x\":{i},\"y\":0,\"z\":0,\"color\":[{i},0,0,255]}}");
        }
        var storage = client.Result("status").GetProperty("storage");
        Assert.True(storage.GetProperty("projects_in_memory").GetInt32() <= 3, storage.ToString());
        var list = client.Result("goxel.list_projects");
        Assert.Equal(8, list.GetProperty("count").GetInt32());
        Assert.Equal("n1", list.GetProperty("projects")[0].GetProperty("name").GetString());
        Assert.Equal(1, list.GetProperty("projects")[0].GetProperty("voxel_count").GetInt32());
        // Naming a paged-out project loads it back, edits and all.
        Assert.True(client.Result("goxel.get_voxel", "{\"project_id\":\"p1\",\"x\":1,\"y\":0,\"z\":0}").GetProperty("exists").GetBoolean());
        client.Result("goxel.add_voxel", "{\"project_id\":\"p2\",\"x\":9,\"y\":9,\"z\":9,\"color\":[9,9,9,255]}");
        Assert.Equal(2, client.Result("goxel.get_project_info", "{\"project_id\":\"p2\"}").GetProperty("voxel_count").GetInt32());
    }

    [Fact]
    public void ProjectsPastHalfTheMemoryBudgetArePagedOutAndReadBackWithTheirVoxels()
    {
        // limits.memory_mb 64: the projects in memory may hold 32 MB. Each project gets one voxel
        // in each of 20,000 blocks (a block each: megabytes of memory from a small request).
        const long share = 32L << 20;
        using var scope = new DurabilityScope();
        var daemon = scope.Start("--config", scope.Config("{\"limits\":{\"memory_mb\":64}}"));
        using var client = daemon.Connect();
        var positions = new byte[20_000 * 12];
        for (var n = 0; n < 20_000; n++)
        {
            BitConverter.TryWriteBytes(positions.AsSpan(n * 12), 16 * (n % 64));
            BitConverter.TryWriteBytes(positions.AsSpan(n * 12 + 4), 16 * (n / 64 % 64));
            BitConverter.TryWriteBytes(positions.AsSpan(n * 12 + 8), 16 * (n / 4096));
        }
        var packed = Convert.ToBase64String(positions);
        long Fill(int i)
        {
            client.Result("goxel.create_project", $"{{\"name\":\"m{i}\"}}");
            client.Result("goxel.add_voxel_batch", $"{{\"positions\":\"{packed}\",\"color\":[{i},1,1,255]}}");
            return client.Result("goxel.get_project_info").GetProperty("memory_bytes").GetInt64();
        }
        var each = Fill(1);
        Assert.True(each > (1L << 20), $"a project holds only {each} bytes");
        // Enough projects for twice the share; at most share / each fit in it.
        var count = (int)(2 * share / each) + 1;
        Assert.True(count <= 40, $"{count} projects of {each} bytes would make a slow test");
        for (var i = 2; i <= count; i++) Fill(i);
        var fit = share / each;
        int InMemory() => client.Result("status").GetProperty("storage").GetProperty("projects_in_memory").GetInt32();
        Assert.True(DurabilityScope.Eventually(() => InMemory() <= fit, TimeSpan.FromSeconds(20)),
            $"{InMemory()} of {count} projects of {each} bytes in memory, over the {share} bytes of the share");
        Assert.Equal(count, client.Result("goxel.list_projects").GetProperty("count").GetInt32());
        // Every project reads back, its voxels as written, and paging keeps the total in the share
        // (a project read back has no undo history, so more of them fit).
        var smallest = each;
        for (var i = 1; i <= count; i++)
        {
            var info = client.Result("goxel.get_project_info", $"{{\"project_id\":\"p{i}\"}}");
            Assert.Equal(20_000, info.GetProperty("voxel_count").GetInt32());
            smallest = Math.Min(smallest, info.GetProperty("memory_bytes").GetInt64());
            Assert.Equal($"[{i},1,1,255]", client.Result("goxel.get_voxel", $"{{\"project_id\":\"p{i}\",\"x\":16,\"y\":32,\"z\":64}}").GetProperty("color").GetRawText());
        }
        Assert.True(DurabilityScope.Eventually(() => InMemory() <= share / smallest, TimeSpan.FromSeconds(20)),
            $"{InMemory()} of {count} projects of at least {smallest} bytes in memory after reading them all back");
    }

    [Fact]
    public void AutosaveWritesADirtyProjectBackToItsOwnFile()
    {
        using var scope = new DurabilityScope();
        var daemon = scope.Start("--config", scope.Config("{\"storage\":{\"autosave_seconds\":1}}"));
        using var client = daemon.Connect();
        var own = Path.Combine(scope.Directory, "own.gox");
        client.Result("goxel.create_project", "{\"name\":\"kept on disk\"}");
        client.Result("goxel.add_voxel", "{\"x\":1,\"y\":1,\"z\":1,\"color\":[1,1,1,255]}");
        client.Result("goxel.save_project", $"{{\"path\":\"{own}\"}}");
        Assert.False(client.Result("goxel.get_project_info").GetProperty("durability").GetProperty("dirty").GetBoolean());
        client.Result("goxel.add_voxel", "{\"x\":2,\"y\":2,\"z\":2,\"color\":[2,2,2,255]}");
        Assert.True(client.Result("goxel.get_project_info").GetProperty("durability").GetProperty("dirty").GetBoolean());
        Assert.True(DurabilityScope.Eventually(
            () => !client.Result("goxel.get_project_info", "{\"project_id\":\"p1\"}").GetProperty("durability").GetProperty("dirty").GetBoolean(),
            TimeSpan.FromSeconds(20)), "autosave did not write the project back");
        Assert.Equal(2, client.Result("goxel.load_project", $"{{\"path\":\"{own}\"}}").GetProperty("voxel_count").GetInt32());
        Assert.Empty(Directory.GetFiles(scope.Directory, ".own.gox*"));
    }
}
