-- Which measures some paying account has in the month $month, from the materialised health measures
-- table $measures (health_measures.sql): what the built-in default configuration may weight.
-- Grain: one row. Columns: one boolean per measure, true when at least one account has it.
with

-- a count per measure over one month's rows, instead of the month's whole frame in pandas
final as (
    select count(logins_per_user) > 0 as logins_per_user,
           count(seat_utilisation) > 0 as seat_utilisation,
           count(feature_breadth) > 0 as feature_breadth,
           count(new_feature_adoption) > 0 as new_feature_adoption,
           count(usage_trend) > 0 as usage_trend,
           count(spend_change) > 0 as spend_change,
           count(support_tickets) > 0 as support_tickets,
           count(nps) > 0 as nps,
           count(months_to_renewal) > 0 as months_to_renewal,
           count(tenure_months) > 0 as tenure_months,
           count(product_count) > 0 as product_count,
           count(drop_from_peak) > 0 as drop_from_peak
    from query_table($measures)
    where month = $month
)

select * from final
