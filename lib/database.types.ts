export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[];

export type Database = {
  public: {
    Tables: {
      agent_presence: {
        Row: {
          conversation_id: string | null;
          org_id: string;
          seen_at: string;
          status: string;
          typing_at: string | null;
          user_id: string;
        };
        ComputedFields: never;
        Insert: {
          conversation_id?: string | null;
          org_id: string;
          seen_at?: string;
          status?: string;
          typing_at?: string | null;
          user_id: string;
        };
        Update: {
          conversation_id?: string | null;
          org_id?: string;
          seen_at?: string;
          status?: string;
          typing_at?: string | null;
          user_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: "agent_presence_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      ai_drafts: {
        Row: {
          conversation_id: string;
          created_at: string;
          created_by: string | null;
          decided_at: string | null;
          decided_by: string | null;
          engine: string;
          explanation: Json | null;
          id: string;
          in_reply_to: string | null;
          model: string | null;
          org_id: string;
          sent_message_id: string | null;
          status: string;
          text: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          conversation_id: string;
          created_at?: string;
          created_by?: string | null;
          decided_at?: string | null;
          decided_by?: string | null;
          engine: string;
          explanation?: Json | null;
          id?: string;
          in_reply_to?: string | null;
          model?: string | null;
          org_id: string;
          sent_message_id?: string | null;
          status?: string;
          text: string;
          updated_at?: string;
        };
        Update: {
          conversation_id?: string;
          created_at?: string;
          created_by?: string | null;
          decided_at?: string | null;
          decided_by?: string | null;
          engine?: string;
          explanation?: Json | null;
          id?: string;
          in_reply_to?: string | null;
          model?: string | null;
          org_id?: string;
          sent_message_id?: string | null;
          status?: string;
          text?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "ai_drafts_org_id_conversation_id_fkey";
            columns: ["org_id", "conversation_id"];
            isOneToOne: false;
            referencedRelation: "conversations";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "ai_drafts_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      ai_provider_status: {
        Row: {
          last_error: string | null;
          org_id: string;
          quota_exhausted_since: string | null;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          last_error?: string | null;
          org_id: string;
          quota_exhausted_since?: string | null;
          updated_at?: string;
        };
        Update: {
          last_error?: string | null;
          org_id?: string;
          quota_exhausted_since?: string | null;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "ai_provider_status_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: true;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      ai_runs: {
        Row: {
          attempts: number;
          completion_tokens: number;
          contact_id: string | null;
          conversation_id: string | null;
          created_at: string;
          engine: string;
          error: string | null;
          id: string;
          job_id: string | null;
          kind: string;
          latency_ms: number;
          message_id: string | null;
          model: string | null;
          org_id: string;
          outcome: string;
          prompt_tokens: number;
        };
        ComputedFields: never;
        Insert: {
          attempts?: number;
          completion_tokens?: number;
          contact_id?: string | null;
          conversation_id?: string | null;
          created_at?: string;
          engine: string;
          error?: string | null;
          id?: string;
          job_id?: string | null;
          kind: string;
          latency_ms?: number;
          message_id?: string | null;
          model?: string | null;
          org_id: string;
          outcome: string;
          prompt_tokens?: number;
        };
        Update: {
          attempts?: number;
          completion_tokens?: number;
          contact_id?: string | null;
          conversation_id?: string | null;
          created_at?: string;
          engine?: string;
          error?: string | null;
          id?: string;
          job_id?: string | null;
          kind?: string;
          latency_ms?: number;
          message_id?: string | null;
          model?: string | null;
          org_id?: string;
          outcome?: string;
          prompt_tokens?: number;
        };
        Relationships: [
          {
            foreignKeyName: "ai_runs_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      ai_settings: {
        Row: {
          analysis_timeout_seconds: number;
          availability: NonNullable<Json>;
          channel_settings: NonNullable<Json>;
          default_mode: string;
          min_incoming: number;
          model: string | null;
          org_id: string;
          profile: NonNullable<Json>;
          qualification_questions: NonNullable<Json>;
          scoring_preset: NonNullable<Json>;
          updated_at: string;
          updated_by: string | null;
        };
        ComputedFields: never;
        Insert: {
          analysis_timeout_seconds?: number;
          availability?: NonNullable<Json>;
          channel_settings?: NonNullable<Json>;
          default_mode?: string;
          min_incoming?: number;
          model?: string | null;
          org_id: string;
          profile?: NonNullable<Json>;
          qualification_questions?: NonNullable<Json>;
          scoring_preset?: NonNullable<Json>;
          updated_at?: string;
          updated_by?: string | null;
        };
        Update: {
          analysis_timeout_seconds?: number;
          availability?: NonNullable<Json>;
          channel_settings?: NonNullable<Json>;
          default_mode?: string;
          min_incoming?: number;
          model?: string | null;
          org_id?: string;
          profile?: NonNullable<Json>;
          qualification_questions?: NonNullable<Json>;
          scoring_preset?: NonNullable<Json>;
          updated_at?: string;
          updated_by?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "ai_settings_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: true;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      analytics_contact_outcomes: {
        Row: {
          contact_id: string;
          deals: number;
          lead: boolean;
          org_id: string;
          qualified: boolean;
          won: number;
        };
        ComputedFields: never;
        Insert: {
          contact_id: string;
          deals?: number;
          lead?: boolean;
          org_id: string;
          qualified?: boolean;
          won?: number;
        };
        Update: {
          contact_id?: string;
          deals?: number;
          lead?: boolean;
          org_id?: string;
          qualified?: boolean;
          won?: number;
        };
        Relationships: [
          {
            foreignKeyName: "analytics_contact_outcomes_org_id_contact_id_fkey";
            columns: ["org_id", "contact_id"];
            isOneToOne: true;
            referencedRelation: "contacts";
            referencedColumns: ["org_id", "id"];
          },
        ];
      };
      analytics_conversation_days: {
        Row: {
          active_hours: number;
          channel_id: string;
          conversation_id: string;
          day: string;
          org_id: string;
        };
        ComputedFields: never;
        Insert: {
          active_hours?: number;
          channel_id: string;
          conversation_id: string;
          day: string;
          org_id: string;
        };
        Update: {
          active_hours?: number;
          channel_id?: string;
          conversation_id?: string;
          day?: string;
          org_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: "analytics_conversation_days_org_id_conversation_id_fkey";
            columns: ["org_id", "conversation_id"];
            isOneToOne: false;
            referencedRelation: "conversations";
            referencedColumns: ["org_id", "id"];
          },
        ];
      };
      analytics_conversation_hours: {
        Row: {
          channel_id: string;
          conversation_id: string;
          hour: string;
          inbound: number;
          org_id: string;
          outbound: number;
        };
        ComputedFields: never;
        Insert: {
          channel_id: string;
          conversation_id: string;
          hour: string;
          inbound?: number;
          org_id: string;
          outbound?: number;
        };
        Update: {
          channel_id?: string;
          conversation_id?: string;
          hour?: string;
          inbound?: number;
          org_id?: string;
          outbound?: number;
        };
        Relationships: [
          {
            foreignKeyName: "analytics_conversation_hours_org_id_conversation_id_fkey";
            columns: ["org_id", "conversation_id"];
            isOneToOne: false;
            referencedRelation: "conversations";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "analytics_conversation_hours_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      analytics_conversations: {
        Row: {
          channel_id: string;
          contact_id: string;
          conversation_id: string;
          created_at: string;
          first_ai_reply_at: string | null;
          first_human_id: string | null;
          first_human_reply_at: string | null;
          first_inbound_at: string | null;
          org_id: string;
        };
        ComputedFields: never;
        Insert: {
          channel_id: string;
          contact_id: string;
          conversation_id: string;
          created_at: string;
          first_ai_reply_at?: string | null;
          first_human_id?: string | null;
          first_human_reply_at?: string | null;
          first_inbound_at?: string | null;
          org_id: string;
        };
        Update: {
          channel_id?: string;
          contact_id?: string;
          conversation_id?: string;
          created_at?: string;
          first_ai_reply_at?: string | null;
          first_human_id?: string | null;
          first_human_reply_at?: string | null;
          first_inbound_at?: string | null;
          org_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: "analytics_conversations_org_id_conversation_id_fkey";
            columns: ["org_id", "conversation_id"];
            isOneToOne: false;
            referencedRelation: "conversations";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "analytics_conversations_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      analytics_day_zones: {
        Row: {
          org_id: string;
          tz: string;
        };
        ComputedFields: never;
        Insert: {
          org_id: string;
          tz: string;
        };
        Update: {
          org_id?: string;
          tz?: string;
        };
        Relationships: [
          {
            foreignKeyName: "analytics_day_zones_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: true;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      analytics_member_hours: {
        Row: {
          channel_id: string;
          conversation_id: string;
          hour: string;
          member_id: string;
          messages: number;
          org_id: string;
        };
        ComputedFields: never;
        Insert: {
          channel_id: string;
          conversation_id: string;
          hour: string;
          member_id: string;
          messages?: number;
          org_id: string;
        };
        Update: {
          channel_id?: string;
          conversation_id?: string;
          hour?: string;
          member_id?: string;
          messages?: number;
          org_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: "analytics_member_hours_org_id_conversation_id_fkey";
            columns: ["org_id", "conversation_id"];
            isOneToOne: false;
            referencedRelation: "conversations";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "analytics_member_hours_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      analytics_message_days: {
        Row: {
          channel_id: string;
          day: string;
          direction: string;
          messages: number;
          org_id: string;
          sender_type: string;
        };
        ComputedFields: never;
        Insert: {
          channel_id: string;
          day: string;
          direction: string;
          messages?: number;
          org_id: string;
          sender_type: string;
        };
        Update: {
          channel_id?: string;
          day?: string;
          direction?: string;
          messages?: number;
          org_id?: string;
          sender_type?: string;
        };
        Relationships: [
          {
            foreignKeyName: "analytics_message_days_org_id_channel_id_fkey";
            columns: ["org_id", "channel_id"];
            isOneToOne: false;
            referencedRelation: "channels";
            referencedColumns: ["org_id", "id"];
          },
        ];
      };
      analytics_message_deltas: {
        Row: {
          channel_id: string;
          conversation_id: string;
          direction: string;
          hour: string;
          id: number;
          member_id: string | null;
          n: number;
          occurred_at: string;
          org_id: string;
          sender_type: string;
        };
        ComputedFields: never;
        Insert: {
          channel_id: string;
          conversation_id: string;
          direction: string;
          hour: string;
          id?: never;
          member_id?: string | null;
          n: number;
          occurred_at: string;
          org_id: string;
          sender_type: string;
        };
        Update: {
          channel_id?: string;
          conversation_id?: string;
          direction?: string;
          hour?: string;
          id?: never;
          member_id?: string | null;
          n?: number;
          occurred_at?: string;
          org_id?: string;
          sender_type?: string;
        };
        Relationships: [];
      };
      analytics_message_hours: {
        Row: {
          channel_id: string;
          direction: string;
          hour: string;
          messages: number;
          org_id: string;
          sender_type: string;
        };
        ComputedFields: never;
        Insert: {
          channel_id: string;
          direction: string;
          hour: string;
          messages?: number;
          org_id: string;
          sender_type: string;
        };
        Update: {
          channel_id?: string;
          direction?: string;
          hour?: string;
          messages?: number;
          org_id?: string;
          sender_type?: string;
        };
        Relationships: [
          {
            foreignKeyName: "analytics_message_hours_org_id_channel_id_fkey";
            columns: ["org_id", "channel_id"];
            isOneToOne: false;
            referencedRelation: "channels";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "analytics_message_hours_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      analytics_stage_spells: {
        Row: {
          deal_id: string;
          entered_at: string;
          history_id: string;
          left_at: string | null;
          next_stage_id: string | null;
          org_id: string;
          pipeline_id: string;
          stage_id: string | null;
        };
        ComputedFields: never;
        Insert: {
          deal_id: string;
          entered_at: string;
          history_id: string;
          left_at?: string | null;
          next_stage_id?: string | null;
          org_id: string;
          pipeline_id: string;
          stage_id?: string | null;
        };
        Update: {
          deal_id?: string;
          entered_at?: string;
          history_id?: string;
          left_at?: string | null;
          next_stage_id?: string | null;
          org_id?: string;
          pipeline_id?: string;
          stage_id?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "analytics_stage_spells_history_id_fkey";
            columns: ["history_id"];
            isOneToOne: true;
            referencedRelation: "stage_history";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "analytics_stage_spells_org_id_deal_id_fkey";
            columns: ["org_id", "deal_id"];
            isOneToOne: false;
            referencedRelation: "deals";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "analytics_stage_spells_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      api_keys: {
        Row: {
          created_at: string;
          created_by: string | null;
          id: string;
          key_hash: string;
          last_used_at: string | null;
          name: string;
          org_id: string;
          prefix: string;
          revoked_at: string | null;
          role: Database["public"]["Enums"]["member_role"];
        };
        ComputedFields: never;
        Insert: {
          created_at?: string;
          created_by?: string | null;
          id?: string;
          key_hash: string;
          last_used_at?: string | null;
          name: string;
          org_id: string;
          prefix: string;
          revoked_at?: string | null;
          role?: Database["public"]["Enums"]["member_role"];
        };
        Update: {
          created_at?: string;
          created_by?: string | null;
          id?: string;
          key_hash?: string;
          last_used_at?: string | null;
          name?: string;
          org_id?: string;
          prefix?: string;
          revoked_at?: string | null;
          role?: Database["public"]["Enums"]["member_role"];
        };
        Relationships: [
          {
            foreignKeyName: "api_keys_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      appointment_settings: {
        Row: {
          org_id: string;
          reminder_enabled: boolean;
          reminder_hours: number;
          reminder_template_name: string | null;
          updated_at: string;
          updated_by: string | null;
        };
        ComputedFields: never;
        Insert: {
          org_id: string;
          reminder_enabled?: boolean;
          reminder_hours?: number;
          reminder_template_name?: string | null;
          updated_at?: string;
          updated_by?: string | null;
        };
        Update: {
          org_id?: string;
          reminder_enabled?: boolean;
          reminder_hours?: number;
          reminder_template_name?: string | null;
          updated_at?: string;
          updated_by?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "appointment_settings_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: true;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      appointments: {
        Row: {
          contact_id: string;
          conversation_id: string | null;
          created_at: string;
          created_by: string | null;
          ends_at: string;
          id: string;
          note: string | null;
          org_id: string;
          reminded_at: string | null;
          reminder_for: string | null;
          reminder_message_id: string | null;
          reminder_reason: string | null;
          reminder_status: string | null;
          source: string;
          starts_at: string;
          status: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          contact_id: string;
          conversation_id?: string | null;
          created_at?: string;
          created_by?: string | null;
          ends_at: string;
          id?: string;
          note?: string | null;
          org_id: string;
          reminded_at?: string | null;
          reminder_for?: string | null;
          reminder_message_id?: string | null;
          reminder_reason?: string | null;
          reminder_status?: string | null;
          source?: string;
          starts_at: string;
          status?: string;
          updated_at?: string;
        };
        Update: {
          contact_id?: string;
          conversation_id?: string | null;
          created_at?: string;
          created_by?: string | null;
          ends_at?: string;
          id?: string;
          note?: string | null;
          org_id?: string;
          reminded_at?: string | null;
          reminder_for?: string | null;
          reminder_message_id?: string | null;
          reminder_reason?: string | null;
          reminder_status?: string | null;
          source?: string;
          starts_at?: string;
          status?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "appointments_org_id_contact_id_fkey";
            columns: ["org_id", "contact_id"];
            isOneToOne: false;
            referencedRelation: "contacts";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "appointments_org_id_conversation_id_fkey";
            columns: ["org_id", "conversation_id"];
            isOneToOne: false;
            referencedRelation: "conversations";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "appointments_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      audit_log: {
        Row: {
          action: string;
          actor_id: string | null;
          created_at: string;
          details: NonNullable<Json>;
          id: number;
          org_id: string;
          target_id: string | null;
          target_type: string;
        };
        ComputedFields: never;
        Insert: {
          action: string;
          actor_id?: string | null;
          created_at?: string;
          details?: NonNullable<Json>;
          id?: never;
          org_id: string;
          target_id?: string | null;
          target_type: string;
        };
        Update: {
          action?: string;
          actor_id?: string | null;
          created_at?: string;
          details?: NonNullable<Json>;
          id?: never;
          org_id?: string;
          target_id?: string | null;
          target_type?: string;
        };
        Relationships: [
          {
            foreignKeyName: "audit_log_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      automation_rules: {
        Row: {
          actions: NonNullable<Json>;
          conditions: NonNullable<Json>;
          created_at: string;
          created_by: string | null;
          enabled: boolean;
          fire_count: number;
          id: string;
          last_deal_id: string | null;
          last_fired_at: string | null;
          name: string;
          org_id: string;
          stopped_at: string | null;
          stopped_reason: string | null;
          template: string | null;
          trigger: NonNullable<Json>;
          trigger_type: string;
          updated_at: string;
          webhook_secret: string | null;
        };
        ComputedFields: never;
        Insert: {
          actions: NonNullable<Json>;
          conditions?: NonNullable<Json>;
          created_at?: string;
          created_by?: string | null;
          enabled?: boolean;
          fire_count?: number;
          id?: string;
          last_deal_id?: string | null;
          last_fired_at?: string | null;
          name: string;
          org_id: string;
          stopped_at?: string | null;
          stopped_reason?: string | null;
          template?: string | null;
          trigger?: NonNullable<Json>;
          trigger_type: string;
          updated_at?: string;
          webhook_secret?: string | null;
        };
        Update: {
          actions?: NonNullable<Json>;
          conditions?: NonNullable<Json>;
          created_at?: string;
          created_by?: string | null;
          enabled?: boolean;
          fire_count?: number;
          id?: string;
          last_deal_id?: string | null;
          last_fired_at?: string | null;
          name?: string;
          org_id?: string;
          stopped_at?: string | null;
          stopped_reason?: string | null;
          template?: string | null;
          trigger?: NonNullable<Json>;
          trigger_type?: string;
          updated_at?: string;
          webhook_secret?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "automation_rules_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "automation_rules_org_id_last_deal_id_fkey";
            columns: ["org_id", "last_deal_id"];
            isOneToOne: false;
            referencedRelation: "deals";
            referencedColumns: ["org_id", "id"];
          },
        ];
      };
      automation_runs: {
        Row: {
          actions: NonNullable<Json>;
          created_at: string;
          deal_id: string | null;
          error: string | null;
          event_key: string;
          id: string;
          org_id: string;
          rule_id: string;
          status: string;
        };
        ComputedFields: never;
        Insert: {
          actions?: NonNullable<Json>;
          created_at?: string;
          deal_id?: string | null;
          error?: string | null;
          event_key: string;
          id?: string;
          org_id: string;
          rule_id: string;
          status: string;
        };
        Update: {
          actions?: NonNullable<Json>;
          created_at?: string;
          deal_id?: string | null;
          error?: string | null;
          event_key?: string;
          id?: string;
          org_id?: string;
          rule_id?: string;
          status?: string;
        };
        Relationships: [
          {
            foreignKeyName: "automation_runs_org_id_deal_id_fkey";
            columns: ["org_id", "deal_id"];
            isOneToOne: false;
            referencedRelation: "deals";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "automation_runs_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "automation_runs_org_id_rule_id_fkey";
            columns: ["org_id", "rule_id"];
            isOneToOne: false;
            referencedRelation: "automation_rules";
            referencedColumns: ["org_id", "id"];
          },
        ];
      };
      call_events: {
        Row: {
          call_id: string | null;
          connection_id: string;
          event: string;
          id: string;
          org_id: string;
          payload: NonNullable<Json>;
          provider_call_id: string;
          received_at: string;
        };
        ComputedFields: never;
        Insert: {
          call_id?: string | null;
          connection_id: string;
          event: string;
          id?: string;
          org_id: string;
          payload: NonNullable<Json>;
          provider_call_id: string;
          received_at?: string;
        };
        Update: {
          call_id?: string | null;
          connection_id?: string;
          event?: string;
          id?: string;
          org_id?: string;
          payload?: NonNullable<Json>;
          provider_call_id?: string;
          received_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "call_events_org_id_call_id_fkey";
            columns: ["org_id", "call_id"];
            isOneToOne: false;
            referencedRelation: "calls";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "call_events_org_id_connection_id_fkey";
            columns: ["org_id", "connection_id"];
            isOneToOne: false;
            referencedRelation: "telephony_connections";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "call_events_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      calls: {
        Row: {
          ai: boolean;
          ai_analysis: Json | null;
          ai_score: number | null;
          ai_summary: string | null;
          answered_at: string | null;
          client_phone: string | null;
          connection_id: string;
          contact_id: string | null;
          created_at: string;
          deal_id: string | null;
          direction: string;
          duration_seconds: number | null;
          ended_at: string | null;
          extension: string | null;
          from_number: string | null;
          has_recording: boolean | null;
          id: string;
          member_id: string | null;
          org_id: string;
          outcome: string | null;
          provider_call_id: string;
          published_phases: string[];
          recording_url: string | null;
          source: string;
          started_at: string;
          status: string;
          to_number: string | null;
          transcript: Json | null;
          updated_at: string;
          wait_seconds: number | null;
        };
        ComputedFields: never;
        Insert: {
          ai?: boolean;
          ai_analysis?: Json | null;
          ai_score?: number | null;
          ai_summary?: string | null;
          answered_at?: string | null;
          client_phone?: string | null;
          connection_id: string;
          contact_id?: string | null;
          created_at?: string;
          deal_id?: string | null;
          direction: string;
          duration_seconds?: number | null;
          ended_at?: string | null;
          extension?: string | null;
          from_number?: string | null;
          has_recording?: never;
          id?: string;
          member_id?: string | null;
          org_id: string;
          outcome?: string | null;
          provider_call_id: string;
          published_phases?: string[];
          recording_url?: string | null;
          source: string;
          started_at?: string;
          status?: string;
          to_number?: string | null;
          transcript?: Json | null;
          updated_at?: string;
          wait_seconds?: number | null;
        };
        Update: {
          ai?: boolean;
          ai_analysis?: Json | null;
          ai_score?: number | null;
          ai_summary?: string | null;
          answered_at?: string | null;
          client_phone?: string | null;
          connection_id?: string;
          contact_id?: string | null;
          created_at?: string;
          deal_id?: string | null;
          direction?: string;
          duration_seconds?: number | null;
          ended_at?: string | null;
          extension?: string | null;
          from_number?: string | null;
          has_recording?: never;
          id?: string;
          member_id?: string | null;
          org_id?: string;
          outcome?: string | null;
          provider_call_id?: string;
          published_phases?: string[];
          recording_url?: string | null;
          source?: string;
          started_at?: string;
          status?: string;
          to_number?: string | null;
          transcript?: Json | null;
          updated_at?: string;
          wait_seconds?: number | null;
        };
        Relationships: [
          {
            foreignKeyName: "calls_org_id_connection_id_fkey";
            columns: ["org_id", "connection_id"];
            isOneToOne: false;
            referencedRelation: "telephony_connections";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "calls_org_id_contact_id_fkey";
            columns: ["org_id", "contact_id"];
            isOneToOne: false;
            referencedRelation: "contacts";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "calls_org_id_deal_id_fkey";
            columns: ["org_id", "deal_id"];
            isOneToOne: false;
            referencedRelation: "deals";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "calls_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      canned_responses: {
        Row: {
          body: string;
          created_at: string;
          created_by: string | null;
          id: string;
          org_id: string;
          owner_id: string | null;
          shortcut: string;
          title: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          body: string;
          created_at?: string;
          created_by?: string | null;
          id?: string;
          org_id: string;
          owner_id?: string | null;
          shortcut: string;
          title: string;
          updated_at?: string;
        };
        Update: {
          body?: string;
          created_at?: string;
          created_by?: string | null;
          id?: string;
          org_id?: string;
          owner_id?: string | null;
          shortcut?: string;
          title?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "canned_responses_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      channels: {
        Row: {
          config: NonNullable<Json>;
          created_at: string;
          created_by: string | null;
          enabled: boolean;
          id: string;
          last_error: string | null;
          last_error_code: string | null;
          last_import_run: string | null;
          name: string;
          org_id: string;
          secrets_encrypted: string | null;
          status: string;
          type: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          config?: NonNullable<Json>;
          created_at?: string;
          created_by?: string | null;
          enabled?: boolean;
          id?: string;
          last_error?: string | null;
          last_error_code?: string | null;
          last_import_run?: string | null;
          name: string;
          org_id: string;
          secrets_encrypted?: string | null;
          status?: string;
          type: string;
          updated_at?: string;
        };
        Update: {
          config?: NonNullable<Json>;
          created_at?: string;
          created_by?: string | null;
          enabled?: boolean;
          id?: string;
          last_error?: string | null;
          last_error_code?: string | null;
          last_import_run?: string | null;
          name?: string;
          org_id?: string;
          secrets_encrypted?: string | null;
          status?: string;
          type?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "channels_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      companies: {
        Row: {
          created_at: string;
          created_by: string | null;
          email: string | null;
          id: string;
          name: string;
          notes: string;
          org_id: string;
          owner_id: string | null;
          phone: string | null;
          updated_at: string;
          website: string | null;
        };
        ComputedFields: never;
        Insert: {
          created_at?: string;
          created_by?: string | null;
          email?: string | null;
          id?: string;
          name: string;
          notes?: string;
          org_id: string;
          owner_id?: string | null;
          phone?: string | null;
          updated_at?: string;
          website?: string | null;
        };
        Update: {
          created_at?: string;
          created_by?: string | null;
          email?: string | null;
          id?: string;
          name?: string;
          notes?: string;
          org_id?: string;
          owner_id?: string | null;
          phone?: string | null;
          updated_at?: string;
          website?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "companies_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      contact_field_values: {
        Row: {
          contact_id: string;
          field_id: string;
          org_id: string;
          updated_at: string;
          value: string;
        };
        ComputedFields: never;
        Insert: {
          contact_id: string;
          field_id: string;
          org_id: string;
          updated_at?: string;
          value: string;
        };
        Update: {
          contact_id?: string;
          field_id?: string;
          org_id?: string;
          updated_at?: string;
          value?: string;
        };
        Relationships: [
          {
            foreignKeyName: "contact_field_values_org_id_contact_id_fkey";
            columns: ["org_id", "contact_id"];
            isOneToOne: false;
            referencedRelation: "contacts";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "contact_field_values_org_id_field_id_fkey";
            columns: ["org_id", "field_id"];
            isOneToOne: false;
            referencedRelation: "contact_fields";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "contact_field_values_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      contact_fields: {
        Row: {
          created_at: string;
          id: string;
          label: string;
          options: string[];
          org_id: string;
          position: number;
          type: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          created_at?: string;
          id?: string;
          label: string;
          options?: string[];
          org_id: string;
          position?: number;
          type: string;
          updated_at?: string;
        };
        Update: {
          created_at?: string;
          id?: string;
          label?: string;
          options?: string[];
          org_id?: string;
          position?: number;
          type?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "contact_fields_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      contact_identities: {
        Row: {
          contact_id: string;
          created_at: string;
          display_name: string | null;
          external_id: string;
          id: string;
          network: string;
          org_id: string;
          phone: string | null;
          username: string | null;
        };
        ComputedFields: never;
        Insert: {
          contact_id: string;
          created_at?: string;
          display_name?: string | null;
          external_id: string;
          id?: string;
          network: string;
          org_id: string;
          phone?: string | null;
          username?: string | null;
        };
        Update: {
          contact_id?: string;
          created_at?: string;
          display_name?: string | null;
          external_id?: string;
          id?: string;
          network?: string;
          org_id?: string;
          phone?: string | null;
          username?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "contact_identities_org_id_contact_id_fkey";
            columns: ["org_id", "contact_id"];
            isOneToOne: false;
            referencedRelation: "contacts";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "contact_identities_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      contact_imports: {
        Row: {
          content: string | null;
          created: number;
          created_at: string;
          created_by: string | null;
          errors: NonNullable<Json>;
          file_name: string;
          finished_at: string | null;
          id: string;
          job_id: string | null;
          last_error: string | null;
          options: NonNullable<Json>;
          org_id: string;
          processed: number;
          rejected: number;
          status: string;
          total: number;
          updated: number;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          content?: string | null;
          created?: number;
          created_at?: string;
          created_by?: string | null;
          errors?: NonNullable<Json>;
          file_name?: string;
          finished_at?: string | null;
          id?: string;
          job_id?: string | null;
          last_error?: string | null;
          options?: NonNullable<Json>;
          org_id: string;
          processed?: number;
          rejected?: number;
          status?: string;
          total?: number;
          updated?: number;
          updated_at?: string;
        };
        Update: {
          content?: string | null;
          created?: number;
          created_at?: string;
          created_by?: string | null;
          errors?: NonNullable<Json>;
          file_name?: string;
          finished_at?: string | null;
          id?: string;
          job_id?: string | null;
          last_error?: string | null;
          options?: NonNullable<Json>;
          org_id?: string;
          processed?: number;
          rejected?: number;
          status?: string;
          total?: number;
          updated?: number;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "contact_imports_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      contact_merge_suggestions: {
        Row: {
          contact_id: string;
          created_at: string;
          id: string;
          org_id: string;
          other_contact_id: string;
          reason: string;
          resolved_at: string | null;
          resolved_by: string | null;
          status: string;
        };
        ComputedFields: never;
        Insert: {
          contact_id: string;
          created_at?: string;
          id?: string;
          org_id: string;
          other_contact_id: string;
          reason: string;
          resolved_at?: string | null;
          resolved_by?: string | null;
          status?: string;
        };
        Update: {
          contact_id?: string;
          created_at?: string;
          id?: string;
          org_id?: string;
          other_contact_id?: string;
          reason?: string;
          resolved_at?: string | null;
          resolved_by?: string | null;
          status?: string;
        };
        Relationships: [
          {
            foreignKeyName: "contact_merge_suggestions_org_id_contact_id_fkey";
            columns: ["org_id", "contact_id"];
            isOneToOne: false;
            referencedRelation: "contacts";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "contact_merge_suggestions_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "contact_merge_suggestions_org_id_other_contact_id_fkey";
            columns: ["org_id", "other_contact_id"];
            isOneToOne: false;
            referencedRelation: "contacts";
            referencedColumns: ["org_id", "id"];
          },
        ];
      };
      contact_views: {
        Row: {
          created_at: string;
          filters: NonNullable<Json>;
          id: string;
          kind: string;
          name: string;
          org_id: string;
          shared: boolean;
          sort: string;
          sort_order: string;
          updated_at: string;
          user_id: string;
        };
        ComputedFields: never;
        Insert: {
          created_at?: string;
          filters?: NonNullable<Json>;
          id?: string;
          kind?: string;
          name: string;
          org_id: string;
          shared?: boolean;
          sort?: string;
          sort_order?: string;
          updated_at?: string;
          user_id?: string;
        };
        Update: {
          created_at?: string;
          filters?: NonNullable<Json>;
          id?: string;
          kind?: string;
          name?: string;
          org_id?: string;
          shared?: boolean;
          sort?: string;
          sort_order?: string;
          updated_at?: string;
          user_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: "contact_views_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      contacts: {
        Row: {
          company: string | null;
          company_id: string | null;
          created_at: string;
          email: string | null;
          extra_emails: string[];
          extra_phones: string[];
          id: string;
          language: string | null;
          merged_into: string | null;
          name: string;
          notes: string;
          opted_out_at: string | null;
          org_id: string;
          owner_id: string | null;
          phone: string | null;
          tags: string[];
          updated_at: string;
          username: string | null;
        };
        ComputedFields: never;
        Insert: {
          company?: string | null;
          company_id?: string | null;
          created_at?: string;
          email?: string | null;
          extra_emails?: string[];
          extra_phones?: string[];
          id?: string;
          language?: string | null;
          merged_into?: string | null;
          name?: string;
          notes?: string;
          opted_out_at?: string | null;
          org_id: string;
          owner_id?: string | null;
          phone?: string | null;
          tags?: string[];
          updated_at?: string;
          username?: string | null;
        };
        Update: {
          company?: string | null;
          company_id?: string | null;
          created_at?: string;
          email?: string | null;
          extra_emails?: string[];
          extra_phones?: string[];
          id?: string;
          language?: string | null;
          merged_into?: string | null;
          name?: string;
          notes?: string;
          opted_out_at?: string | null;
          org_id?: string;
          owner_id?: string | null;
          phone?: string | null;
          tags?: string[];
          updated_at?: string;
          username?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "contacts_company_fk";
            columns: ["org_id", "company_id"];
            isOneToOne: false;
            referencedRelation: "companies";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "contacts_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "contacts_org_id_merged_into_fkey";
            columns: ["org_id", "merged_into"];
            isOneToOne: false;
            referencedRelation: "contacts";
            referencedColumns: ["org_id", "id"];
          },
        ];
      };
      conversation_labels: {
        Row: {
          conversation_id: string;
          created_at: string;
          label_id: string;
          org_id: string;
        };
        ComputedFields: never;
        Insert: {
          conversation_id: string;
          created_at?: string;
          label_id: string;
          org_id: string;
        };
        Update: {
          conversation_id?: string;
          created_at?: string;
          label_id?: string;
          org_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: "conversation_labels_org_id_conversation_id_fkey";
            columns: ["org_id", "conversation_id"];
            isOneToOne: false;
            referencedRelation: "conversations";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "conversation_labels_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "conversation_labels_org_id_label_id_fkey";
            columns: ["org_id", "label_id"];
            isOneToOne: false;
            referencedRelation: "labels";
            referencedColumns: ["org_id", "id"];
          },
        ];
      };
      conversation_notes: {
        Row: {
          author_id: string | null;
          body: string;
          conversation_id: string;
          created_at: string;
          id: string;
          mentions: string[];
          org_id: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          author_id?: string | null;
          body: string;
          conversation_id: string;
          created_at?: string;
          id?: string;
          mentions?: string[];
          org_id: string;
          updated_at?: string;
        };
        Update: {
          author_id?: string | null;
          body?: string;
          conversation_id?: string;
          created_at?: string;
          id?: string;
          mentions?: string[];
          org_id?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "conversation_notes_org_id_conversation_id_fkey";
            columns: ["org_id", "conversation_id"];
            isOneToOne: false;
            referencedRelation: "conversations";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "conversation_notes_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      conversations: {
        Row: {
          ai_mode: string | null;
          ai_paused_at: string | null;
          ai_paused_reason: string | null;
          assignee_id: string | null;
          channel_id: string;
          contact_id: string;
          created_at: string;
          handoff_reason: string | null;
          id: string;
          last_inbound_at: string | null;
          last_message_at: string;
          last_message_direction: string | null;
          last_message_id: string | null;
          last_message_preview: string;
          needs_human: boolean;
          org_id: string;
          snoozed_until: string | null;
          status: string;
          thread_id: string;
          unread_count: number;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          ai_mode?: string | null;
          ai_paused_at?: string | null;
          ai_paused_reason?: string | null;
          assignee_id?: string | null;
          channel_id: string;
          contact_id: string;
          created_at?: string;
          handoff_reason?: string | null;
          id?: string;
          last_inbound_at?: string | null;
          last_message_at?: string;
          last_message_direction?: string | null;
          last_message_id?: string | null;
          last_message_preview?: string;
          needs_human?: boolean;
          org_id: string;
          snoozed_until?: string | null;
          status?: string;
          thread_id: string;
          unread_count?: number;
          updated_at?: string;
        };
        Update: {
          ai_mode?: string | null;
          ai_paused_at?: string | null;
          ai_paused_reason?: string | null;
          assignee_id?: string | null;
          channel_id?: string;
          contact_id?: string;
          created_at?: string;
          handoff_reason?: string | null;
          id?: string;
          last_inbound_at?: string | null;
          last_message_at?: string;
          last_message_direction?: string | null;
          last_message_id?: string | null;
          last_message_preview?: string;
          needs_human?: boolean;
          org_id?: string;
          snoozed_until?: string | null;
          status?: string;
          thread_id?: string;
          unread_count?: number;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "conversations_org_id_channel_id_fkey";
            columns: ["org_id", "channel_id"];
            isOneToOne: false;
            referencedRelation: "channels";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "conversations_org_id_contact_id_fkey";
            columns: ["org_id", "contact_id"];
            isOneToOne: false;
            referencedRelation: "contacts";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "conversations_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      crm_settings: {
        Row: {
          default_currency: string;
          org_id: string;
          own_deals_only: boolean;
          updated_at: string;
          updated_by: string | null;
        };
        ComputedFields: never;
        Insert: {
          default_currency?: string;
          org_id: string;
          own_deals_only?: boolean;
          updated_at?: string;
          updated_by?: string | null;
        };
        Update: {
          default_currency?: string;
          org_id?: string;
          own_deals_only?: boolean;
          updated_at?: string;
          updated_by?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "crm_settings_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: true;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      deal_stage_totals: {
        Row: {
          amount: number;
          currency: string;
          deals: number;
          id: number;
          org_id: string;
          owner_id: string | null;
          pipeline_id: string;
          priced: number;
          stage_id: string;
        };
        ComputedFields: never;
        Insert: {
          amount: number;
          currency: string;
          deals: number;
          id?: never;
          org_id: string;
          owner_id?: string | null;
          pipeline_id: string;
          priced: number;
          stage_id: string;
        };
        Update: {
          amount?: number;
          currency?: string;
          deals?: number;
          id?: never;
          org_id?: string;
          owner_id?: string | null;
          pipeline_id?: string;
          priced?: number;
          stage_id?: string;
        };
        Relationships: [];
      };
      deal_suggestions: {
        Row: {
          created_at: string;
          deal_id: string;
          decided_at: string | null;
          decided_by: string | null;
          id: string;
          lead_id: string | null;
          org_id: string;
          reason: string;
          status: string;
          to_stage_id: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          created_at?: string;
          deal_id: string;
          decided_at?: string | null;
          decided_by?: string | null;
          id?: string;
          lead_id?: string | null;
          org_id: string;
          reason?: string;
          status?: string;
          to_stage_id: string;
          updated_at?: string;
        };
        Update: {
          created_at?: string;
          deal_id?: string;
          decided_at?: string | null;
          decided_by?: string | null;
          id?: string;
          lead_id?: string | null;
          org_id?: string;
          reason?: string;
          status?: string;
          to_stage_id?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "deal_suggestions_org_id_deal_id_fkey";
            columns: ["org_id", "deal_id"];
            isOneToOne: false;
            referencedRelation: "deals";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "deal_suggestions_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "deal_suggestions_org_id_lead_id_fkey";
            columns: ["org_id", "lead_id"];
            isOneToOne: false;
            referencedRelation: "leads";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "deal_suggestions_to_stage_id_fkey";
            columns: ["to_stage_id"];
            isOneToOne: false;
            referencedRelation: "stages";
            referencedColumns: ["id"];
          },
        ];
      };
      deals: {
        Row: {
          amount: number | null;
          closed_at: string | null;
          company_id: string | null;
          contact_id: string | null;
          created_at: string;
          created_by: string | null;
          currency: string;
          id: string;
          interest_level: string | null;
          lead_id: string | null;
          lost_reason: string | null;
          org_id: string;
          owner_id: string | null;
          pipeline_id: string;
          position: string;
          stage_entered_at: string;
          stage_id: string;
          tags: string[];
          title: string;
          updated_at: string;
          version: number;
        };
        ComputedFields: never;
        Insert: {
          amount?: number | null;
          closed_at?: string | null;
          company_id?: string | null;
          contact_id?: string | null;
          created_at?: string;
          created_by?: string | null;
          currency?: string;
          id?: string;
          interest_level?: string | null;
          lead_id?: string | null;
          lost_reason?: string | null;
          org_id: string;
          owner_id?: string | null;
          pipeline_id: string;
          position: string;
          stage_entered_at?: string;
          stage_id: string;
          tags?: string[];
          title: string;
          updated_at?: string;
          version?: number;
        };
        Update: {
          amount?: number | null;
          closed_at?: string | null;
          company_id?: string | null;
          contact_id?: string | null;
          created_at?: string;
          created_by?: string | null;
          currency?: string;
          id?: string;
          interest_level?: string | null;
          lead_id?: string | null;
          lost_reason?: string | null;
          org_id?: string;
          owner_id?: string | null;
          pipeline_id?: string;
          position?: string;
          stage_entered_at?: string;
          stage_id?: string;
          tags?: string[];
          title?: string;
          updated_at?: string;
          version?: number;
        };
        Relationships: [
          {
            foreignKeyName: "deals_lead_fk";
            columns: ["org_id", "lead_id"];
            isOneToOne: false;
            referencedRelation: "leads";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "deals_org_id_company_id_fkey";
            columns: ["org_id", "company_id"];
            isOneToOne: false;
            referencedRelation: "companies";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "deals_org_id_contact_id_fkey";
            columns: ["org_id", "contact_id"];
            isOneToOne: false;
            referencedRelation: "contacts";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "deals_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "deals_org_id_pipeline_id_fkey";
            columns: ["org_id", "pipeline_id"];
            isOneToOne: false;
            referencedRelation: "pipelines";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "deals_pipeline_id_stage_id_fkey";
            columns: ["pipeline_id", "stage_id"];
            isOneToOne: false;
            referencedRelation: "stages";
            referencedColumns: ["pipeline_id", "id"];
          },
        ];
      };
      export_chunks: {
        Row: {
          data: string;
          export_id: string;
          org_id: string;
          seq: number;
        };
        ComputedFields: never;
        Insert: {
          data: string;
          export_id: string;
          org_id: string;
          seq: number;
        };
        Update: {
          data?: string;
          export_id?: string;
          org_id?: string;
          seq?: number;
        };
        Relationships: [
          {
            foreignKeyName: "export_chunks_export_id_fkey";
            columns: ["export_id"];
            isOneToOne: false;
            referencedRelation: "exports";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "export_chunks_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      exports: {
        Row: {
          bytes: number;
          created_at: string;
          error: string | null;
          expires_at: string;
          file_name: string;
          finished_at: string | null;
          id: string;
          job_id: string | null;
          kind: string;
          org_id: string;
          params: NonNullable<Json>;
          rows: number;
          status: string;
          updated_at: string;
          user_id: string;
        };
        ComputedFields: never;
        Insert: {
          bytes?: number;
          created_at?: string;
          error?: string | null;
          expires_at?: string;
          file_name?: string;
          finished_at?: string | null;
          id?: string;
          job_id?: string | null;
          kind: string;
          org_id: string;
          params?: NonNullable<Json>;
          rows?: number;
          status?: string;
          updated_at?: string;
          user_id?: string;
        };
        Update: {
          bytes?: number;
          created_at?: string;
          error?: string | null;
          expires_at?: string;
          file_name?: string;
          finished_at?: string | null;
          id?: string;
          job_id?: string | null;
          kind?: string;
          org_id?: string;
          params?: NonNullable<Json>;
          rows?: number;
          status?: string;
          updated_at?: string;
          user_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: "exports_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      invitations: {
        Row: {
          accepted_at: string | null;
          accepted_by: string | null;
          created_at: string;
          email: string;
          expires_at: string;
          id: string;
          invited_by: string | null;
          org_id: string;
          role: Database["public"]["Enums"]["member_role"];
          token_hash: string;
        };
        ComputedFields: never;
        Insert: {
          accepted_at?: string | null;
          accepted_by?: string | null;
          created_at?: string;
          email: string;
          expires_at?: string;
          id?: string;
          invited_by?: string | null;
          org_id: string;
          role?: Database["public"]["Enums"]["member_role"];
          token_hash: string;
        };
        Update: {
          accepted_at?: string | null;
          accepted_by?: string | null;
          created_at?: string;
          email?: string;
          expires_at?: string;
          id?: string;
          invited_by?: string | null;
          org_id?: string;
          role?: Database["public"]["Enums"]["member_role"];
          token_hash?: string;
        };
        Relationships: [
          {
            foreignKeyName: "invitations_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      jobs: {
        Row: {
          attempts: number;
          created_at: string;
          dedupe_key: string | null;
          finished_at: string | null;
          id: string;
          last_error: string | null;
          locked_at: string | null;
          locked_by: string | null;
          max_attempts: number;
          name: string;
          org_id: string | null;
          payload: NonNullable<Json>;
          progress: Json | null;
          result: Json | null;
          run_at: string;
          status: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          attempts?: number;
          created_at?: string;
          dedupe_key?: string | null;
          finished_at?: string | null;
          id?: string;
          last_error?: string | null;
          locked_at?: string | null;
          locked_by?: string | null;
          max_attempts?: number;
          name: string;
          org_id?: string | null;
          payload?: NonNullable<Json>;
          progress?: Json | null;
          result?: Json | null;
          run_at?: string;
          status?: string;
          updated_at?: string;
        };
        Update: {
          attempts?: number;
          created_at?: string;
          dedupe_key?: string | null;
          finished_at?: string | null;
          id?: string;
          last_error?: string | null;
          locked_at?: string | null;
          locked_by?: string | null;
          max_attempts?: number;
          name?: string;
          org_id?: string | null;
          payload?: NonNullable<Json>;
          progress?: Json | null;
          result?: Json | null;
          run_at?: string;
          status?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "jobs_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      labels: {
        Row: {
          color: string;
          created_at: string;
          id: string;
          name: string;
          org_id: string;
        };
        ComputedFields: never;
        Insert: {
          color?: string;
          created_at?: string;
          id?: string;
          name: string;
          org_id: string;
        };
        Update: {
          color?: string;
          created_at?: string;
          id?: string;
          name?: string;
          org_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: "labels_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      leads: {
        Row: {
          analysis: Json | null;
          analyzed_at: string | null;
          budget: string | null;
          budget_amount: number | null;
          budget_currency: string | null;
          channel_id: string | null;
          contact_id: string;
          created_at: string;
          engine: string | null;
          funnel_stage: string | null;
          id: string;
          incoming_count: number;
          input_hash: string | null;
          instance_name: string | null;
          interest_level: string | null;
          is_spam: boolean;
          last_error: string | null;
          manual: NonNullable<Json>;
          message_count: number;
          model: string | null;
          name: string | null;
          need: string | null;
          niche: string | null;
          org_id: string;
          phone: string | null;
          qualification_complete: boolean;
          score: number | null;
          score_reasons: NonNullable<Json>;
          source: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          analysis?: Json | null;
          analyzed_at?: string | null;
          budget?: string | null;
          budget_amount?: number | null;
          budget_currency?: string | null;
          channel_id?: string | null;
          contact_id: string;
          created_at?: string;
          engine?: string | null;
          funnel_stage?: string | null;
          id?: string;
          incoming_count?: number;
          input_hash?: string | null;
          instance_name?: string | null;
          interest_level?: string | null;
          is_spam?: boolean;
          last_error?: string | null;
          manual?: NonNullable<Json>;
          message_count?: number;
          model?: string | null;
          name?: string | null;
          need?: string | null;
          niche?: string | null;
          org_id: string;
          phone?: string | null;
          qualification_complete?: boolean;
          score?: number | null;
          score_reasons?: NonNullable<Json>;
          source?: string;
          updated_at?: string;
        };
        Update: {
          analysis?: Json | null;
          analyzed_at?: string | null;
          budget?: string | null;
          budget_amount?: number | null;
          budget_currency?: string | null;
          channel_id?: string | null;
          contact_id?: string;
          created_at?: string;
          engine?: string | null;
          funnel_stage?: string | null;
          id?: string;
          incoming_count?: number;
          input_hash?: string | null;
          instance_name?: string | null;
          interest_level?: string | null;
          is_spam?: boolean;
          last_error?: string | null;
          manual?: NonNullable<Json>;
          message_count?: number;
          model?: string | null;
          name?: string | null;
          need?: string | null;
          niche?: string | null;
          org_id?: string;
          phone?: string | null;
          qualification_complete?: boolean;
          score?: number | null;
          score_reasons?: NonNullable<Json>;
          source?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "leads_org_id_channel_id_fkey";
            columns: ["org_id", "channel_id"];
            isOneToOne: false;
            referencedRelation: "channels";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "leads_org_id_contact_id_fkey";
            columns: ["org_id", "contact_id"];
            isOneToOne: true;
            referencedRelation: "contacts";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "leads_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      lost_reasons: {
        Row: {
          created_at: string;
          id: string;
          label: string;
          org_id: string;
          position: number;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          created_at?: string;
          id?: string;
          label: string;
          org_id: string;
          position?: number;
          updated_at?: string;
        };
        Update: {
          created_at?: string;
          id?: string;
          label?: string;
          org_id?: string;
          position?: number;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "lost_reasons_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      memberships: {
        Row: {
          created_at: string;
          org_id: string;
          role: Database["public"]["Enums"]["member_role"];
          user_id: string;
        };
        ComputedFields: never;
        Insert: {
          created_at?: string;
          org_id: string;
          role?: Database["public"]["Enums"]["member_role"];
          user_id: string;
        };
        Update: {
          created_at?: string;
          org_id?: string;
          role?: Database["public"]["Enums"]["member_role"];
          user_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: "memberships_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      message_templates: {
        Row: {
          body: string;
          category: string;
          channel_id: string;
          created_at: string;
          id: string;
          language: string;
          name: string;
          org_id: string;
          provider_template_id: string | null;
          rejection_reason: string | null;
          status: string;
          synced_at: string | null;
          updated_at: string;
          variables: NonNullable<Json>;
        };
        ComputedFields: never;
        Insert: {
          body?: string;
          category?: string;
          channel_id: string;
          created_at?: string;
          id?: string;
          language?: string;
          name: string;
          org_id: string;
          provider_template_id?: string | null;
          rejection_reason?: string | null;
          status?: string;
          synced_at?: string | null;
          updated_at?: string;
          variables?: NonNullable<Json>;
        };
        Update: {
          body?: string;
          category?: string;
          channel_id?: string;
          created_at?: string;
          id?: string;
          language?: string;
          name?: string;
          org_id?: string;
          provider_template_id?: string | null;
          rejection_reason?: string | null;
          status?: string;
          synced_at?: string | null;
          updated_at?: string;
          variables?: NonNullable<Json>;
        };
        Relationships: [
          {
            foreignKeyName: "message_templates_org_id_channel_id_fkey";
            columns: ["org_id", "channel_id"];
            isOneToOne: false;
            referencedRelation: "channels";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "message_templates_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      message_uploads: {
        Row: {
          bytes: string;
          created_at: string;
          created_by: string | null;
          file_name: string;
          id: string;
          mime_type: string;
          org_id: string;
          size: number;
        };
        ComputedFields: never;
        Insert: {
          bytes: string;
          created_at?: string;
          created_by?: string | null;
          file_name: string;
          id?: string;
          mime_type: string;
          org_id: string;
          size: number;
        };
        Update: {
          bytes?: string;
          created_at?: string;
          created_by?: string | null;
          file_name?: string;
          id?: string;
          mime_type?: string;
          org_id?: string;
          size?: number;
        };
        Relationships: [
          {
            foreignKeyName: "message_uploads_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      messages: {
        Row: {
          ai_explanation: Json | null;
          ai_processed_at: string | null;
          attempts: number;
          channel_id: string;
          conversation_id: string;
          created_at: string;
          delivered_at: string | null;
          direction: string;
          edited_at: string | null;
          error_code: string | null;
          error_message: string | null;
          failed_at: string | null;
          id: string;
          media: NonNullable<Json>;
          occurred_at: string;
          org_id: string;
          provider_message_id: string | null;
          read_at: string | null;
          reply_to_provider_message_id: string | null;
          search: unknown;
          sender_type: string;
          sender_user_id: string | null;
          sent_at: string | null;
          seq: number;
          status: string;
          template_id: string | null;
          template_variables: Json | null;
          text: string | null;
          transcript: string | null;
          type: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          ai_explanation?: Json | null;
          ai_processed_at?: string | null;
          attempts?: number;
          channel_id: string;
          conversation_id: string;
          created_at?: string;
          delivered_at?: string | null;
          direction: string;
          edited_at?: string | null;
          error_code?: string | null;
          error_message?: string | null;
          failed_at?: string | null;
          id?: string;
          media?: NonNullable<Json>;
          occurred_at?: string;
          org_id: string;
          provider_message_id?: string | null;
          read_at?: string | null;
          reply_to_provider_message_id?: string | null;
          search?: never;
          sender_type: string;
          sender_user_id?: string | null;
          sent_at?: string | null;
          seq?: never;
          status: string;
          template_id?: string | null;
          template_variables?: Json | null;
          text?: string | null;
          transcript?: string | null;
          type?: string;
          updated_at?: string;
        };
        Update: {
          ai_explanation?: Json | null;
          ai_processed_at?: string | null;
          attempts?: number;
          channel_id?: string;
          conversation_id?: string;
          created_at?: string;
          delivered_at?: string | null;
          direction?: string;
          edited_at?: string | null;
          error_code?: string | null;
          error_message?: string | null;
          failed_at?: string | null;
          id?: string;
          media?: NonNullable<Json>;
          occurred_at?: string;
          org_id?: string;
          provider_message_id?: string | null;
          read_at?: string | null;
          reply_to_provider_message_id?: string | null;
          search?: never;
          sender_type?: string;
          sender_user_id?: string | null;
          sent_at?: string | null;
          seq?: never;
          status?: string;
          template_id?: string | null;
          template_variables?: Json | null;
          text?: string | null;
          transcript?: string | null;
          type?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "messages_org_id_channel_id_fkey";
            columns: ["org_id", "channel_id"];
            isOneToOne: false;
            referencedRelation: "channels";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "messages_org_id_conversation_id_fkey";
            columns: ["org_id", "conversation_id"];
            isOneToOne: false;
            referencedRelation: "conversations";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "messages_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "messages_org_id_template_id_fkey";
            columns: ["org_id", "template_id"];
            isOneToOne: false;
            referencedRelation: "message_templates";
            referencedColumns: ["org_id", "id"];
          },
        ];
      };
      notes: {
        Row: {
          author_id: string | null;
          body: string;
          company_id: string | null;
          contact_id: string | null;
          created_at: string;
          deal_id: string | null;
          id: string;
          org_id: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          author_id?: string | null;
          body: string;
          company_id?: string | null;
          contact_id?: string | null;
          created_at?: string;
          deal_id?: string | null;
          id?: string;
          org_id: string;
          updated_at?: string;
        };
        Update: {
          author_id?: string | null;
          body?: string;
          company_id?: string | null;
          contact_id?: string | null;
          created_at?: string;
          deal_id?: string | null;
          id?: string;
          org_id?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "notes_org_id_company_id_fkey";
            columns: ["org_id", "company_id"];
            isOneToOne: false;
            referencedRelation: "companies";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "notes_org_id_contact_id_fkey";
            columns: ["org_id", "contact_id"];
            isOneToOne: false;
            referencedRelation: "contacts";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "notes_org_id_deal_id_fkey";
            columns: ["org_id", "deal_id"];
            isOneToOne: false;
            referencedRelation: "deals";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "notes_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      notifications: {
        Row: {
          body: string;
          contact_id: string | null;
          conversation_id: string | null;
          created_at: string;
          deal_id: string | null;
          dedupe_key: string | null;
          id: string;
          kind: string;
          link: string | null;
          org_id: string;
          read_at: string | null;
          task_id: string | null;
          title: string;
          user_id: string | null;
        };
        ComputedFields: never;
        Insert: {
          body?: string;
          contact_id?: string | null;
          conversation_id?: string | null;
          created_at?: string;
          deal_id?: string | null;
          dedupe_key?: string | null;
          id?: string;
          kind: string;
          link?: string | null;
          org_id: string;
          read_at?: string | null;
          task_id?: string | null;
          title: string;
          user_id?: string | null;
        };
        Update: {
          body?: string;
          contact_id?: string | null;
          conversation_id?: string | null;
          created_at?: string;
          deal_id?: string | null;
          dedupe_key?: string | null;
          id?: string;
          kind?: string;
          link?: string | null;
          org_id?: string;
          read_at?: string | null;
          task_id?: string | null;
          title?: string;
          user_id?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "notifications_deal_fk";
            columns: ["org_id", "deal_id"];
            isOneToOne: false;
            referencedRelation: "deals";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "notifications_org_id_conversation_id_fkey";
            columns: ["org_id", "conversation_id"];
            isOneToOne: false;
            referencedRelation: "conversations";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "notifications_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "notifications_task_fk";
            columns: ["org_id", "task_id"];
            isOneToOne: false;
            referencedRelation: "tasks";
            referencedColumns: ["org_id", "id"];
          },
        ];
      };
      organizations: {
        Row: {
          created_at: string;
          created_by: string | null;
          id: string;
          name: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          created_at?: string;
          created_by?: string | null;
          id?: string;
          name: string;
          updated_at?: string;
        };
        Update: {
          created_at?: string;
          created_by?: string | null;
          id?: string;
          name?: string;
          updated_at?: string;
        };
        Relationships: [];
      };
      pipelines: {
        Row: {
          auto_create_deals: boolean;
          auto_move_deals: boolean;
          created_at: string;
          created_by: string | null;
          id: string;
          is_default: boolean;
          name: string;
          org_id: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          auto_create_deals?: boolean;
          auto_move_deals?: boolean;
          created_at?: string;
          created_by?: string | null;
          id?: string;
          is_default?: boolean;
          name: string;
          org_id: string;
          updated_at?: string;
        };
        Update: {
          auto_create_deals?: boolean;
          auto_move_deals?: boolean;
          created_at?: string;
          created_by?: string | null;
          id?: string;
          is_default?: boolean;
          name?: string;
          org_id?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "pipelines_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      profiles: {
        Row: {
          active_org_id: string | null;
          created_at: string;
          email: string;
          full_name: string;
          id: string;
          locale: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          active_org_id?: string | null;
          created_at?: string;
          email: string;
          full_name?: string;
          id: string;
          locale?: string;
          updated_at?: string;
        };
        Update: {
          active_org_id?: string | null;
          created_at?: string;
          email?: string;
          full_name?: string;
          id?: string;
          locale?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "profiles_active_org_id_fkey";
            columns: ["active_org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      retailcrm_connections: {
        Row: {
          api_url: string;
          created_at: string;
          created_by: string | null;
          enabled: boolean;
          id: string;
          last_error: string | null;
          manager_map: NonNullable<Json>;
          module_code: string | null;
          module_registered_at: string | null;
          org_id: string;
          pipeline_id: string | null;
          secrets_encrypted: string;
          site: string;
          status: string;
          status_map: NonNullable<Json>;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          api_url: string;
          created_at?: string;
          created_by?: string | null;
          enabled?: boolean;
          id?: string;
          last_error?: string | null;
          manager_map?: NonNullable<Json>;
          module_code?: string | null;
          module_registered_at?: string | null;
          org_id: string;
          pipeline_id?: string | null;
          secrets_encrypted: string;
          site: string;
          status?: string;
          status_map?: NonNullable<Json>;
          updated_at?: string;
        };
        Update: {
          api_url?: string;
          created_at?: string;
          created_by?: string | null;
          enabled?: boolean;
          id?: string;
          last_error?: string | null;
          manager_map?: NonNullable<Json>;
          module_code?: string | null;
          module_registered_at?: string | null;
          org_id?: string;
          pipeline_id?: string | null;
          secrets_encrypted?: string;
          site?: string;
          status?: string;
          status_map?: NonNullable<Json>;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "retailcrm_connections_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: true;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "retailcrm_connections_org_id_pipeline_id_fkey";
            columns: ["org_id", "pipeline_id"];
            isOneToOne: false;
            referencedRelation: "pipelines";
            referencedColumns: ["org_id", "id"];
          },
        ];
      };
      retailcrm_customers: {
        Row: {
          connection_id: string;
          contact_id: string | null;
          created_at: string;
          external_id: string | null;
          field_times: NonNullable<Json>;
          id: string;
          org_id: string;
          phone: string | null;
          retailcrm_customer_id: number;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          connection_id: string;
          contact_id?: string | null;
          created_at?: string;
          external_id?: string | null;
          field_times?: NonNullable<Json>;
          id?: string;
          org_id: string;
          phone?: string | null;
          retailcrm_customer_id: number;
          updated_at?: string;
        };
        Update: {
          connection_id?: string;
          contact_id?: string | null;
          created_at?: string;
          external_id?: string | null;
          field_times?: NonNullable<Json>;
          id?: string;
          org_id?: string;
          phone?: string | null;
          retailcrm_customer_id?: number;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "retailcrm_customers_org_id_connection_id_fkey";
            columns: ["org_id", "connection_id"];
            isOneToOne: false;
            referencedRelation: "retailcrm_connections";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "retailcrm_customers_org_id_contact_id_fkey";
            columns: ["org_id", "contact_id"];
            isOneToOne: false;
            referencedRelation: "contacts";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "retailcrm_customers_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      retailcrm_orders: {
        Row: {
          connection_id: string;
          created_at: string;
          deal_id: string | null;
          external_id: string;
          field_times: NonNullable<Json>;
          id: string;
          org_id: string;
          retailcrm_order_id: number | null;
          status_code: string | null;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          connection_id: string;
          created_at?: string;
          deal_id?: string | null;
          external_id: string;
          field_times?: NonNullable<Json>;
          id?: string;
          org_id: string;
          retailcrm_order_id?: number | null;
          status_code?: string | null;
          updated_at?: string;
        };
        Update: {
          connection_id?: string;
          created_at?: string;
          deal_id?: string | null;
          external_id?: string;
          field_times?: NonNullable<Json>;
          id?: string;
          org_id?: string;
          retailcrm_order_id?: number | null;
          status_code?: string | null;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "retailcrm_orders_org_id_connection_id_fkey";
            columns: ["org_id", "connection_id"];
            isOneToOne: false;
            referencedRelation: "retailcrm_connections";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "retailcrm_orders_org_id_deal_id_fkey";
            columns: ["org_id", "deal_id"];
            isOneToOne: false;
            referencedRelation: "deals";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "retailcrm_orders_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      retailcrm_sync_log: {
        Row: {
          connection_id: string;
          created_at: string;
          details: NonNullable<Json>;
          direction: string;
          entity: string;
          event: string | null;
          field: string | null;
          id: string;
          kind: string;
          local_id: string | null;
          message: string;
          org_id: string;
          retailcrm_id: number | null;
        };
        ComputedFields: never;
        Insert: {
          connection_id: string;
          created_at?: string;
          details?: NonNullable<Json>;
          direction: string;
          entity: string;
          event?: string | null;
          field?: string | null;
          id?: string;
          kind: string;
          local_id?: string | null;
          message?: string;
          org_id: string;
          retailcrm_id?: number | null;
        };
        Update: {
          connection_id?: string;
          created_at?: string;
          details?: NonNullable<Json>;
          direction?: string;
          entity?: string;
          event?: string | null;
          field?: string | null;
          id?: string;
          kind?: string;
          local_id?: string | null;
          message?: string;
          org_id?: string;
          retailcrm_id?: number | null;
        };
        Relationships: [
          {
            foreignKeyName: "retailcrm_sync_log_org_id_connection_id_fkey";
            columns: ["org_id", "connection_id"];
            isOneToOne: false;
            referencedRelation: "retailcrm_connections";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "retailcrm_sync_log_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      retailcrm_sync_state: {
        Row: {
          connection_id: string;
          entity: string;
          items_in: number;
          items_out: number;
          last_error: string | null;
          last_run_at: string | null;
          last_success_at: string | null;
          org_id: string;
          progress: NonNullable<Json>;
          since_id: number;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          connection_id: string;
          entity: string;
          items_in?: number;
          items_out?: number;
          last_error?: string | null;
          last_run_at?: string | null;
          last_success_at?: string | null;
          org_id: string;
          progress?: NonNullable<Json>;
          since_id?: number;
          updated_at?: string;
        };
        Update: {
          connection_id?: string;
          entity?: string;
          items_in?: number;
          items_out?: number;
          last_error?: string | null;
          last_run_at?: string | null;
          last_success_at?: string | null;
          org_id?: string;
          progress?: NonNullable<Json>;
          since_id?: number;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "retailcrm_sync_state_org_id_connection_id_fkey";
            columns: ["org_id", "connection_id"];
            isOneToOne: false;
            referencedRelation: "retailcrm_connections";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "retailcrm_sync_state_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      stage_history: {
        Row: {
          auto_moved: boolean;
          deal_id: string;
          from_stage_id: string | null;
          id: string;
          moved_at: string;
          moved_by: string | null;
          org_id: string;
          pipeline_id: string;
          rule_id: string | null;
          to_stage_id: string | null;
        };
        ComputedFields: never;
        Insert: {
          auto_moved?: boolean;
          deal_id: string;
          from_stage_id?: string | null;
          id?: string;
          moved_at?: string;
          moved_by?: string | null;
          org_id: string;
          pipeline_id: string;
          rule_id?: string | null;
          to_stage_id?: string | null;
        };
        Update: {
          auto_moved?: boolean;
          deal_id?: string;
          from_stage_id?: string | null;
          id?: string;
          moved_at?: string;
          moved_by?: string | null;
          org_id?: string;
          pipeline_id?: string;
          rule_id?: string | null;
          to_stage_id?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "stage_history_from_stage_id_fkey";
            columns: ["from_stage_id"];
            isOneToOne: false;
            referencedRelation: "stages";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "stage_history_org_id_deal_id_fkey";
            columns: ["org_id", "deal_id"];
            isOneToOne: false;
            referencedRelation: "deals";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "stage_history_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "stage_history_to_stage_id_fkey";
            columns: ["to_stage_id"];
            isOneToOne: false;
            referencedRelation: "stages";
            referencedColumns: ["id"];
          },
        ];
      };
      stages: {
        Row: {
          color: string;
          created_at: string;
          funnel_stage: string | null;
          id: string;
          kind: string;
          name: string;
          org_id: string;
          pipeline_id: string;
          position: string;
          probability: number;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          color?: string;
          created_at?: string;
          funnel_stage?: string | null;
          id?: string;
          kind?: string;
          name: string;
          org_id: string;
          pipeline_id: string;
          position: string;
          probability?: number;
          updated_at?: string;
        };
        Update: {
          color?: string;
          created_at?: string;
          funnel_stage?: string | null;
          id?: string;
          kind?: string;
          name?: string;
          org_id?: string;
          pipeline_id?: string;
          position?: string;
          probability?: number;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "stages_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "stages_org_id_pipeline_id_fkey";
            columns: ["org_id", "pipeline_id"];
            isOneToOne: false;
            referencedRelation: "pipelines";
            referencedColumns: ["org_id", "id"];
          },
        ];
      };
      tags: {
        Row: {
          color: string;
          created_at: string;
          id: string;
          name: string;
          org_id: string;
        };
        ComputedFields: never;
        Insert: {
          color?: string;
          created_at?: string;
          id?: string;
          name: string;
          org_id: string;
        };
        Update: {
          color?: string;
          created_at?: string;
          id?: string;
          name?: string;
          org_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: "tags_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      tasks: {
        Row: {
          assignee_id: string | null;
          completed_at: string | null;
          contact_id: string | null;
          conversation_id: string | null;
          created_at: string;
          created_by: string | null;
          deal_id: string | null;
          dedupe_key: string | null;
          due_at: string | null;
          due_fired_for: string | null;
          id: string;
          kind: string;
          notes: string;
          org_id: string;
          overdue_fired_for: string | null;
          phone: string | null;
          preferred_time: string | null;
          remind_before_minutes: number | null;
          source: string;
          status: string;
          title: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          assignee_id?: string | null;
          completed_at?: string | null;
          contact_id?: string | null;
          conversation_id?: string | null;
          created_at?: string;
          created_by?: string | null;
          deal_id?: string | null;
          dedupe_key?: string | null;
          due_at?: string | null;
          due_fired_for?: string | null;
          id?: string;
          kind?: string;
          notes?: string;
          org_id: string;
          overdue_fired_for?: string | null;
          phone?: string | null;
          preferred_time?: string | null;
          remind_before_minutes?: number | null;
          source?: string;
          status?: string;
          title: string;
          updated_at?: string;
        };
        Update: {
          assignee_id?: string | null;
          completed_at?: string | null;
          contact_id?: string | null;
          conversation_id?: string | null;
          created_at?: string;
          created_by?: string | null;
          deal_id?: string | null;
          dedupe_key?: string | null;
          due_at?: string | null;
          due_fired_for?: string | null;
          id?: string;
          kind?: string;
          notes?: string;
          org_id?: string;
          overdue_fired_for?: string | null;
          phone?: string | null;
          preferred_time?: string | null;
          remind_before_minutes?: number | null;
          source?: string;
          status?: string;
          title?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "tasks_deal_fk";
            columns: ["org_id", "deal_id"];
            isOneToOne: false;
            referencedRelation: "deals";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "tasks_org_id_contact_id_fkey";
            columns: ["org_id", "contact_id"];
            isOneToOne: false;
            referencedRelation: "contacts";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "tasks_org_id_conversation_id_fkey";
            columns: ["org_id", "conversation_id"];
            isOneToOne: false;
            referencedRelation: "conversations";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "tasks_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      telephony_connections: {
        Row: {
          config: NonNullable<Json>;
          created_at: string;
          created_by: string | null;
          enabled: boolean;
          id: string;
          kind: string;
          last_error: string | null;
          last_event_at: string | null;
          name: string;
          org_id: string;
          secrets_encrypted: string | null;
          state: string;
          state_since: string;
          updated_at: string;
        };
        ComputedFields: never;
        Insert: {
          config?: NonNullable<Json>;
          created_at?: string;
          created_by?: string | null;
          enabled?: boolean;
          id?: string;
          kind: string;
          last_error?: string | null;
          last_event_at?: string | null;
          name: string;
          org_id: string;
          secrets_encrypted?: string | null;
          state?: string;
          state_since?: string;
          updated_at?: string;
        };
        Update: {
          config?: NonNullable<Json>;
          created_at?: string;
          created_by?: string | null;
          enabled?: boolean;
          id?: string;
          kind?: string;
          last_error?: string | null;
          last_event_at?: string | null;
          name?: string;
          org_id?: string;
          secrets_encrypted?: string | null;
          state?: string;
          state_since?: string;
          updated_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "telephony_connections_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      telephony_extensions: {
        Row: {
          connection_id: string;
          created_at: string;
          extension: string | null;
          id: string;
          manager_code: string | null;
          org_id: string;
          phone: string | null;
          updated_at: string;
          user_id: string;
        };
        ComputedFields: never;
        Insert: {
          connection_id: string;
          created_at?: string;
          extension?: string | null;
          id?: string;
          manager_code?: string | null;
          org_id: string;
          phone?: string | null;
          updated_at?: string;
          user_id: string;
        };
        Update: {
          connection_id?: string;
          created_at?: string;
          extension?: string | null;
          id?: string;
          manager_code?: string | null;
          org_id?: string;
          phone?: string | null;
          updated_at?: string;
          user_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: "telephony_extensions_org_id_connection_id_fkey";
            columns: ["org_id", "connection_id"];
            isOneToOne: false;
            referencedRelation: "telephony_connections";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "telephony_extensions_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      webhook_deliveries: {
        Row: {
          attempt: number;
          created_at: string;
          delivery_key: string;
          duration_ms: number | null;
          error: string | null;
          id: string;
          ok: boolean;
          org_id: string;
          response_excerpt: string | null;
          rule_id: string;
          run_id: string | null;
          status_code: number | null;
          url: string;
        };
        ComputedFields: never;
        Insert: {
          attempt: number;
          created_at?: string;
          delivery_key: string;
          duration_ms?: number | null;
          error?: string | null;
          id?: string;
          ok: boolean;
          org_id: string;
          response_excerpt?: string | null;
          rule_id: string;
          run_id?: string | null;
          status_code?: number | null;
          url: string;
        };
        Update: {
          attempt?: number;
          created_at?: string;
          delivery_key?: string;
          duration_ms?: number | null;
          error?: string | null;
          id?: string;
          ok?: boolean;
          org_id?: string;
          response_excerpt?: string | null;
          rule_id?: string;
          run_id?: string | null;
          status_code?: number | null;
          url?: string;
        };
        Relationships: [
          {
            foreignKeyName: "webhook_deliveries_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
          {
            foreignKeyName: "webhook_deliveries_org_id_rule_id_fkey";
            columns: ["org_id", "rule_id"];
            isOneToOne: false;
            referencedRelation: "automation_rules";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "webhook_deliveries_run_id_fkey";
            columns: ["run_id"];
            isOneToOne: false;
            referencedRelation: "automation_runs";
            referencedColumns: ["id"];
          },
        ];
      };
      webhook_events: {
        Row: {
          channel_id: string;
          event_count: number;
          event_id: string;
          id: string;
          org_id: string;
          payload: NonNullable<Json>;
          received_at: string;
        };
        ComputedFields: never;
        Insert: {
          channel_id: string;
          event_count?: number;
          event_id: string;
          id?: string;
          org_id: string;
          payload: NonNullable<Json>;
          received_at?: string;
        };
        Update: {
          channel_id?: string;
          event_count?: number;
          event_id?: string;
          id?: string;
          org_id?: string;
          payload?: NonNullable<Json>;
          received_at?: string;
        };
        Relationships: [
          {
            foreignKeyName: "webhook_events_org_id_channel_id_fkey";
            columns: ["org_id", "channel_id"];
            isOneToOne: false;
            referencedRelation: "channels";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "webhook_events_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
      weekly_summary_chats: {
        Row: {
          channel_id: string;
          chat_id: string;
          created_at: string;
          enabled: boolean;
          last_error: string | null;
          last_sent_at: string | null;
          last_sent_week: string | null;
          locale: string;
          org_id: string;
          updated_at: string;
          updated_by: string | null;
        };
        ComputedFields: never;
        Insert: {
          channel_id: string;
          chat_id: string;
          created_at?: string;
          enabled?: boolean;
          last_error?: string | null;
          last_sent_at?: string | null;
          last_sent_week?: string | null;
          locale?: string;
          org_id: string;
          updated_at?: string;
          updated_by?: string | null;
        };
        Update: {
          channel_id?: string;
          chat_id?: string;
          created_at?: string;
          enabled?: boolean;
          last_error?: string | null;
          last_sent_at?: string | null;
          last_sent_week?: string | null;
          locale?: string;
          org_id?: string;
          updated_at?: string;
          updated_by?: string | null;
        };
        Relationships: [
          {
            foreignKeyName: "weekly_summary_chats_org_id_channel_id_fkey";
            columns: ["org_id", "channel_id"];
            isOneToOne: false;
            referencedRelation: "channels";
            referencedColumns: ["org_id", "id"];
          },
          {
            foreignKeyName: "weekly_summary_chats_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: true;
            referencedRelation: "organizations";
            referencedColumns: ["id"];
          },
        ];
      };
    };
    Views: {
      analytics_conversation_activity: {
        Row: {
          channel_id: string | null;
          conversation_id: string | null;
          hour: string | null;
          org_id: string | null;
        };
        ComputedFields: never;
        Relationships: [];
      };
      analytics_conversation_day_activity: {
        Row: {
          channel_id: string | null;
          conversation_id: string | null;
          day: string | null;
          org_id: string | null;
          pending_hour: string | null;
        };
        ComputedFields: never;
        Relationships: [];
      };
      analytics_member_activity: {
        Row: {
          channel_id: string | null;
          conversation_id: string | null;
          hour: string | null;
          member_id: string | null;
          messages: number | null;
          org_id: string | null;
        };
        ComputedFields: never;
        Relationships: [];
      };
      analytics_message_counts: {
        Row: {
          channel_id: string | null;
          direction: string | null;
          hour: string | null;
          messages: number | null;
          org_id: string | null;
          sender_type: string | null;
        };
        ComputedFields: never;
        Relationships: [];
      };
      analytics_message_day_counts: {
        Row: {
          channel_id: string | null;
          day: string | null;
          direction: string | null;
          messages: number | null;
          org_id: string | null;
          pending_hour: string | null;
          sender_type: string | null;
        };
        ComputedFields: never;
        Relationships: [];
      };
    };
    Functions: {
      accept_invitation: {
        Args: { token_sha256: string };
        Returns: {
          created_at: string;
          org_id: string;
          role: Database["public"]["Enums"]["member_role"];
          user_id: string;
        };
        SetofOptions: {
          from: "*";
          to: "memberships";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      analytics_reply_times_between: {
        Args: { org: string; t0: string; t1: string };
        Returns: {
          channel_id: string;
          contact_id: string;
          conversation_id: string;
          created_at: string;
          first_ai_reply_at: string;
          first_human_id: string;
          first_human_reply_at: string;
          first_inbound_at: string;
          org_id: string;
        }[];
      };
      create_organization: {
        Args: { org_name: string };
        Returns: {
          created_at: string;
          created_by: string | null;
          id: string;
          name: string;
          updated_at: string;
        };
        SetofOptions: {
          from: "*";
          to: "organizations";
          isOneToOne: true;
          isSetofReturn: false;
        };
      };
      invitation_preview: {
        Args: { token_sha256: string };
        Returns: {
          email: string;
          expired: boolean;
          org_name: string;
          role: Database["public"]["Enums"]["member_role"];
        }[];
      };
    };
    Enums: {
      member_role: "owner" | "admin" | "manager" | "agent" | "viewer";
    };
    CompositeTypes: {
      [_ in never]: never;
    };
  };
};

type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">;

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">];

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    keyof (DefaultSchema["Tables"] & DefaultSchema["Views"]) | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R;
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] & DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R;
      }
      ? R
      : never
    : never;

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"] | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I;
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I;
      }
      ? I
      : never
    : never;

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"] | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U;
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U;
      }
      ? U
      : never
    : never;

export type Enums<
  DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"] | { schema: keyof DatabaseWithoutInternals },
  EnumName extends (DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never) = never,
> = DefaultSchemaEnumNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never;

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    keyof DefaultSchema["CompositeTypes"] | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends (PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals;
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never) = never,
> = PublicCompositeTypeNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never;

export const Constants = {
  public: {
    Enums: {
      member_role: ["owner", "admin", "manager", "agent", "viewer"],
    },
  },
} as const;
