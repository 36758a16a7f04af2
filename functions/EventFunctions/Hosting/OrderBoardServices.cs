using EventFunctions.Operations.Board;
using EventFunctions.Operations.Live;
using Microsoft.Extensions.DependencyInjection;

namespace EventFunctions.Hosting;

/// <summary>
/// The order board, over the pipeline's live orders: only the local host serves it. The Functions app does not (its
/// instances scale in and out, and an HTTP trigger's response cannot stay open), so it registers none of it.
/// </summary>
public static class OrderBoardServices
{
    public static IServiceCollection AddOrderBoard(this IServiceCollection services)
    {
        services.AddSingleton<OrderBoard>();
        // One of the feed's observers, so created with it at start: the board misses no change from then on.
        services.AddSingleton<ILiveOrdersObserver>(sp => sp.GetRequiredService<OrderBoard>());
        services.AddSingleton<BoardStream>();
        services.AddSingleton<BoardApi>();
        return services;
    }
}
