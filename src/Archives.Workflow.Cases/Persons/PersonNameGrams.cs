using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Archives.Workflow.Cases.Persons;

/// <summary>
/// The grams of names: every character and every pair of adjacent characters, by code point, as both databases'
/// <c>substr</c> counts them (the migration that created the table filled it in SQL the same way). A surrogate pair
/// (an emoji, a rare CJK character) is one code point, so it is never split; a combining mark is a gram of its own
/// and, with its base, part of a pair, so a fragment finds exactly the names it is a substring of.
/// </summary>
public static class PersonNameGrams
{
    /// <summary>The distinct grams of <paramref name="name"/>: its characters and its adjacent pairs.</summary>
    public static IReadOnlySet<string> Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var characters = Characters(name);
        var grams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < characters.Count; i++)
        {
            grams.Add(characters[i]);
            if (i + 1 < characters.Count)
            {
                grams.Add(characters[i] + characters[i + 1]);
            }
        }

        return grams;
    }

    /// <summary>
    /// What a fragment is looked up by: a fragment of one or two characters is a gram itself (the lookup is exact);
    /// a longer one, by its adjacent pairs (every name holding it holds them all; the name is then checked whole).
    /// </summary>
    public static IReadOnlyList<string> LookupOf(string fragment)
    {
        ArgumentNullException.ThrowIfNull(fragment);
        var characters = Characters(fragment);
        return characters.Count <= 2 ? [fragment]
            : [.. Enumerable.Range(0, characters.Count - 1).Select(i => characters[i] + characters[i + 1]).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Adds and removes the grams of the persons added to or renamed in <paramref name="tracker"/>, so that they are
    /// written in the same transaction as the persons; a deleted person's grams go with it (a cascading key).
    /// </summary>
    public static void Follow(ChangeTracker tracker)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        foreach (var entry in tracker.Entries<Person>().ToList())
        {
            var name = entry.Property(p => p.Name);
            IReadOnlySet<string> before, after;
            if (entry.State == EntityState.Added)
            {
                (before, after) = (new HashSet<string>(), Of(entry.Entity.Name));
            }
            else if (entry.State == EntityState.Modified && name.IsModified && !string.Equals(name.OriginalValue, name.CurrentValue, StringComparison.Ordinal))
            {
                (before, after) = (Of(name.OriginalValue ?? string.Empty), Of(entry.Entity.Name));
            }
            else
            {
                continue;
            }

            // DbSet.Local detects changes over every tracked row each time it is read: once per person, not per gram.
            var grams = tracker.Context.Set<PersonNameGram>();
            var local = grams.Local;
            foreach (var gram in before.Except(after))
            {
                var tracked = local.FindEntryUntyped([gram, entry.Entity.Id]);
                if (tracked is null)
                {
                    grams.Remove(new PersonNameGram { Gram = gram, PersonId = entry.Entity.Id });
                }
                else
                {
                    tracked.State = tracked.State == EntityState.Added ? EntityState.Detached : EntityState.Deleted;
                }
            }

            foreach (var gram in after.Except(before))
            {
                var tracked = local.FindEntryUntyped([gram, entry.Entity.Id]);
                if (tracked is null)
                {
                    grams.Add(new PersonNameGram { Gram = gram, PersonId = entry.Entity.Id });
                }
                else if (tracked.State == EntityState.Deleted)
                {
                    tracked.State = EntityState.Unchanged;
                }
            }
        }
    }

    private static List<string> Characters(string text)
    {
        var characters = new List<string>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            characters.Add(rune.ToString());
        }

        return characters;
    }
}
