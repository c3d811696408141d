-- The audit trail: every write made to this database, newest first, filtered.
-- Grain: one row per write (a load, a rollback, a saved or activated health configuration, an override
-- set or cleared, a coverage scenario saved or deleted, a churn learning saved).
-- Columns: changed_at (when), user (the signed-in address, or the local user), name, role, action, what,
-- version (the dataset version current after the write).
-- $actions: the kinds to keep (null: every kind); $user: text the user or name contains (null: anyone).
with

-- the table only ever grows (nothing updates or deletes its rows); seq orders writes within a second
filtered as (
    select changed_at, "user", name, role, action, what, version, seq
    from meta.audit
    where ($actions is null or list_contains(cast($actions as varchar[]), action))
      and ($user is null or "user" ilike '%' || $user || '%' or name ilike '%' || $user || '%')
),

final as (
    select changed_at, "user", name, role, action, what, version from filtered order by seq desc
)

select * from final
