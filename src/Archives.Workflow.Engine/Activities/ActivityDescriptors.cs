namespace Archives.Workflow.Engine.Activities;

/// <summary>The descriptors of the activity types, one per type in <see cref="ActivityTypes"/>; each is owned by its type's behaviour under Activities/&lt;Type&gt;/.</summary>
public static class ActivityDescriptors
{
    internal static readonly PropertyDescriptor TitleProperty = new("title", "LocalizedText");

    public static IReadOnlyList<ActivityDescriptor> All => ActivityRegistry.Default.Descriptors;

    public static ActivityDescriptor? Find(string? type) => ActivityRegistry.Default.Find(type)?.Descriptor;

    public static ActivityDescriptor Get(string type) =>
        Find(type) ?? throw new ArgumentException($"Unknown activity type '{type}'.", nameof(type));
}
