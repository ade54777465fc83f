using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Goxel.Mcp;

/// <summary>Puts the goxel tools, resources and prompts on an MCP server builder.</summary>
public static class GoxelMcpServer
{
    /// <summary>The server's name in the initialize handshake.</summary>
    public const string Name = "goxel";

    /// <summary>
    /// The SDK's options with our parameter contracts first: under NativeAOT the SDK cannot
    /// make contracts for int[][] and friends by reflection.
    /// </summary>
    public static JsonSerializerOptions JsonOptions { get; } = CreateJsonOptions();

    /// <summary>Registers <paramref name="engine"/> and everything the server offers; the caller adds a transport.</summary>
    public static IMcpServerBuilder AddGoxelMcp(this IServiceCollection services, IVoxelEngine engine, string version)
    {
        var subscriptions = new ProjectSubscriptions();
        var workshop = new Workshop(engine, subscriptions);
        var resources = new ProjectResources(workshop);
        services.AddSingleton(engine);
        services.AddSingleton(subscriptions);
        services.AddSingleton(workshop);
        return services.AddMcpServer(options =>
            {
                options.ServerInfo = new Implementation { Name = Name, Title = "goxel voxel editor", Version = version };
                options.ServerInstructions = VoxelPrompts.Conventions;
                options.Capabilities = new ServerCapabilities { Resources = new ResourcesCapability { Subscribe = true, ListChanged = true } };
            })
            .WithTools<ProjectTools>(JsonOptions)
            .WithTools<VoxelTools>(JsonOptions)
            .WithTools<ShapeTools>(JsonOptions)
            .WithTools<LayerTools>(JsonOptions)
            .WithTools<QueryTools>(JsonOptions)
            .WithTools<ScriptTools>(JsonOptions)
            .WithTools<RenderTools>(JsonOptions)
            .WithPrompts<VoxelPrompts>(JsonOptions)
            .WithListResourcesHandler(resources.ListAsync)
            .WithListResourceTemplatesHandler(ProjectResources.TemplatesAsync)
            .WithReadResourceHandler(resources.ReadAsync)
            .WithSubscribeToResourcesHandler(resources.SubscribeAsync)
            .WithUnsubscribeFromResourcesHandler(resources.UnsubscribeAsync);
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(McpJsonUtilities.DefaultOptions);
        options.TypeInfoResolverChain.Insert(0, McpJsonContext.Default);
        options.MakeReadOnly();
        return options;
    }
}
