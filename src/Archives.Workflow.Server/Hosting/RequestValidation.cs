using Archives.Workflow.Cases;
using FluentValidation;

namespace Archives.Workflow.Server.Hosting;

/// <summary>
/// Validates every request body that has a FluentValidation validator before the handler runs:
/// a body that fails is answered 400 with the fields at fault, and the handler never sees it.
/// The validators are looked up once per endpoint, when the endpoint is built.
/// </summary>
public static class RequestValidation
{
    public static TBuilder ValidateRequests<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilterFactory((context, next) =>
        {
            var validated = context.MethodInfo.GetParameters()
                .Select((parameter, index) => (Index: index, Validator: ValidatorFor(context.ApplicationServices, parameter.ParameterType)))
                .Where(p => p.Validator is not null)
                .ToList();
            if (validated.Count == 0)
            {
                return next;
            }

            return async invocation =>
            {
                foreach (var (index, validator) in validated)
                {
                    var argument = invocation.Arguments[index]
                        ?? throw ArchivesException.Invalid(ArchivesCodes.Required, "body", "A request body is required.");
                    var result = await validator!.ValidateAsync(new ValidationContext<object>(argument), invocation.HttpContext.RequestAborted);
                    if (!result.IsValid)
                    {
                        throw new ValidationException(result.Errors);
                    }
                }

                return await next(invocation);
            };
        });
        return builder;
    }

    /// <summary>The validator registered for a type, if any.</summary>
    public static IValidator? ValidatorFor(IServiceProvider services, Type type)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(type);
        return type.IsPrimitive || type == typeof(string) || type.IsEnum
            ? null
            : services.GetService(typeof(IValidator<>).MakeGenericType(type)) as IValidator;
    }
}
