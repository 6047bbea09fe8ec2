CREATE TABLE "deployments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"account_id" uuid,
	"provider" text NOT NULL,
	"application" text NOT NULL,
	"label" text NOT NULL,
	"plan" text NOT NULL,
	"region" text NOT NULL,
	"image" text NOT NULL,
	"status" text NOT NULL,
	"message" text,
	"server_id" text,
	"ipv4" text,
	"ipv6" text,
	"monthly_price" double precision,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"poll_attempts" integer DEFAULT 0 NOT NULL,
	"next_poll_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"deadline_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_account_id_linked_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."linked_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deployments_idempotency" ON "deployments" USING btree ("user_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "deployments_user" ON "deployments" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "deployments_due" ON "deployments" USING btree ("status","next_poll_at");