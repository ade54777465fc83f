using System.Text.Json;

namespace Goxel.Daemon.Configuration;

/// <summary>A setting that cannot be used; the message names the source, the key and the value.</summary>
public sealed class ConfigException(string message) : Exception(message);

/// <summary>One value for one key, and where it came from (for messages).</summary>
public sealed record SettingAssignment(SettingKey Key, SettingValue Value, string Source);

/// <summary>
/// Reads the seed guide's JSON config (sections daemon, performance, monitoring) plus sections
/// limits, files, render and server of our own. Unknown keys and keys that have no effect are
/// reported as warnings; a known key with a bad value is an error naming it.
/// </summary>
public static class ConfigFile
{
    /// <summary>The assignments in the file at <paramref name="path"/>, in file order.</summary>
    public static IReadOnlyList<SettingAssignment> Read(string path, ICollection<string> warnings)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"config {path}: cannot read: {ex.Message}");
        }
        catch (JsonException ex)
        {
            throw new ConfigException($"config {path}: not valid JSON: {ex.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new ConfigException($"config {path}: the top level must be an object");
            var assignments = new List<SettingAssignment>();
            foreach (var section in document.RootElement.EnumerateObject())
            {
                if (section.Value.ValueKind != JsonValueKind.Object)
                {
                    warnings.Add($"config {path}: unknown key '{section.Name}' ignored");
                    continue;
                }
                foreach (var entry in section.Value.EnumerateObject())
                {
                    var name = $"{section.Name}.{entry.Name}";
                    if (!SettingKeys.All.TryGetValue(name, out var key))
                    {
                        warnings.Add($"config {path}: unknown key '{name}' ignored");
                        continue;
                    }
                    if (key.Inert) warnings.Add($"config {path}: '{name}' is accepted for compatibility and has no effect");
                    assignments.Add(new SettingAssignment(key, SettingValue.FromJson(entry.Value), $"config {path}"));
                }
            }
            return assignments;
        }
    }
}
