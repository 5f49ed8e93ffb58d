CREATE INDEX "points_vision_reaction_idx" ON "points" USING btree ("vision_id","reaction_id","id");--> statement-breakpoint
CREATE INDEX "reactions_corrects_idx" ON "reactions" USING btree ("corrects_id") WHERE "reactions"."corrects_id" is not null;--> statement-breakpoint
CREATE INDEX "answers_point_status_assignee_idx" ON "answers" USING btree ("point_id","status","assignee_id");