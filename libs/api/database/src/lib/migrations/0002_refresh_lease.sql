ALTER TABLE "linked_accounts" ADD COLUMN "status_reason" text;--> statement-breakpoint
ALTER TABLE "linked_accounts" ADD COLUMN "refresh_lease_until" timestamp with time zone;